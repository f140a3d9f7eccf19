import { z } from "zod";

export const createTokenInput = z.object({
  name: z.string({ message: "is required" }).trim().min(1, "is required").max(80, "is too long"),
  expiresInDays: z.coerce
    .number({ message: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(3650, "must be at most 3650 days")
    .nullable()
    .optional(),
});
