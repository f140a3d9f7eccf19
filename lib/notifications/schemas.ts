import { z } from "zod";
import { NOTIFICATION_KINDS } from "./kinds";

// Input of the notification forms and actions, shared by the forms and the server.

export const preferencesInput = z.object({
  preferences: z.partialRecord(z.enum(NOTIFICATION_KINDS, { message: "must be one of the message kinds" }), z.boolean({ message: "must be on or off" })),
});

const httpUrl = z
  .string()
  .trim()
  .min(1, "is required")
  .max(2000, "must be at most 2,000 characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL, e.g. https://hooks.slack.com/services/…");

export const addWebhookInput = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  url: httpUrl,
});

export const webhookIdInput = z.object({ id: z.string().uuid("must be a valid id") });

export const setWebhookEnabledInput = webhookIdInput.extend({ enabled: z.boolean({ message: "must be true or false" }) });

export const deliveryIdInput = z.object({ id: z.string().uuid("must be a valid id") });

/** Days before each milestone, largest first, without repeats. */
export const leadDaysList = z
  .array(z.number({ message: "must be a number of days" }).int("must be whole days").min(1, "each must be at least 1 day").max(365, "each must be at most 365 days"))
  .max(10, "at most 10 lead times")
  .transform((days) => [...new Set(days)].sort((a, b) => b - a));

export const leadDaysInput = z.object({
  campaignId: z.string().uuid("must be a valid id"),
  /** "14, 7, 3, 1" as typed in the form. */
  leadDays: z
    .string()
    .trim()
    .transform((v) => (v === "" ? [] : v.split(/[\s,]+/).filter(Boolean)))
    .pipe(z.array(z.string().regex(/^\d+$/, "must be whole numbers of days, e.g. 14, 7, 3, 1").transform(Number)))
    .pipe(leadDaysList),
});

export const deliveryListQuery = z.object({
  status: z.enum(["queued", "sent", "failed"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
