import { z } from "zod";
import { TLS_VERSIONS } from "@/lib/tls-probe/versions";
import { versionSchema } from "@/lib/users/schemas";

export const floorSchema = z.enum(TLS_VERSIONS, { message: "must be one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3" });

export const instantSchema = z
  .string({ message: "is required" })
  .trim()
  .min(1, "is required")
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: "must be a date and time with a time zone, e.g. 2017-03-04T17:30:00Z",
  })
  .transform((s) => new Date(s));

export const reasonSchema = z
  .string({ message: "is required" })
  .trim()
  .min(3, "is required: say why the date changes (at least 3 characters)")
  .max(500, "must be at most 500 characters");

const milestoneName = z.string({ message: "is required" }).trim().min(1, "is required").max(80, "is too long");

export const createCampaignInput = z.object({
  name: z.string({ message: "is required" }).trim().min(3, "must be at least 3 characters").max(120, "is too long"),
  description: z.string().trim().max(2000, "is too long").default(""),
  floor: floorSchema,
  milestones: z
    .array(z.object({ name: milestoneName, dueAt: instantSchema }))
    .min(1, "needs at least one dated milestone (the cutoff)")
    .max(20, "has too many milestones")
    .refine((ms) => new Set(ms.map((m) => m.name.toLowerCase())).size === ms.length, { message: "have duplicate names" }),
  makeActive: z.boolean().default(false),
  /** Start the campaign's checklists as a copy of this campaign's current ones (optional). */
  copyChecklistsFrom: z.preprocess((v) => (v === "" ? null : v), z.string().uuid("must be a campaign id").nullable().optional()),
});
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const updateCampaignInput = z.object({
  id: z.string().uuid("must be a valid id"),
  version: versionSchema,
  name: createCampaignInput.shape.name.optional(),
  description: z.string().trim().max(2000, "is too long").optional(),
  floor: floorSchema.optional(),
});
export type UpdateCampaignInput = z.infer<typeof updateCampaignInput>;

export const changeMilestoneInput = z.object({
  milestoneId: z.string().uuid("must be a valid id"),
  version: versionSchema,
  dueAt: instantSchema,
  reason: reasonSchema,
});
export type ChangeMilestoneInput = z.infer<typeof changeMilestoneInput>;

export const addMilestoneInput = z.object({
  campaignId: z.string().uuid("must be a valid id"),
  name: milestoneName,
  dueAt: instantSchema,
  reason: reasonSchema.default("Added milestone"),
});
export type AddMilestoneInput = z.infer<typeof addMilestoneInput>;

/**
 * The API called the floor `floorProtocol` until the names were unified (docs/architecture.md):
 * a request that still sends it is read as `floor`, so existing API clients keep working.
 */
export function acceptingLegacyFloorName<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => {
    if (!v || typeof v !== "object" || !("floorProtocol" in v) || "floor" in v) return v;
    const { floorProtocol, ...rest } = v as Record<string, unknown>;
    return { ...rest, floor: floorProtocol };
  }, schema);
}
