import { z } from "zod";
import { PROTOCOL_KEYS, isTimeZone } from "./values";

// What the Login History routes and actions accept.

export const DATE_ORDERS = ["mdy", "dmy", "ymd"] as const;

export const timeOptionsQuery = z.object({
  timeZone: z
    .string()
    .trim()
    .default("UTC")
    .refine((z) => isTimeZone(z), { message: "must be an IANA time zone such as UTC, Europe/Paris or America/New_York" }),
  dateOrder: z.enum(DATE_ORDERS, { message: "must be mdy (3/4/2017 is 4 March), dmy (3/4/2017 is 3 April) or ymd" }).default("mdy"),
});

export const uploadQuery = timeOptionsQuery.extend({
  fileName: z.string().trim().max(255, "must be at most 255 characters").optional(),
});

export const findingsQuery = z.object({
  by: z.enum(["client", "user"], { message: "must be client or user" }).default("client"),
  protocol: z.enum(PROTOCOL_KEYS as [string, ...string[]], { message: `must be one of ${PROTOCOL_KEYS.join(", ")}` }).optional(),
  page: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be 1 or more").default(1),
  pageSize: z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be between 1 and 200").max(200, "must be between 1 and 200").default(50),
});

export const findingRef = z.object({
  kind: z.enum(["client", "user"], { message: "must be client or user" }),
  key: z.string().min(1, "is required").max(1100, "is too long"),
});

export const linkInput = findingRef.extend({
  /** Absent: create an integration from the finding. */
  integrationId: z.string().uuid("must be a valid id").optional(),
});
