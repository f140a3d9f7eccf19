// What checklist forms and the API send, validated once (client-safe: the forms use it too).
import { z } from "zod";
import { isUuid } from "@/lib/errors";
import { CATEGORIES, CATEGORY_INFO, type Category } from "@/lib/integrations/categories";
import { listQuerySchema } from "@/lib/integrations/schemas";
import { versionSchema } from "@/lib/users/schemas";

export const EVIDENCE_KINDS = ["none", "note", "link"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Kinds of automatic item people can create. The database also knows `login_history_clean`,
 * reserved for the Login History import: until that import ticks it, no template may use it.
 */
export const AUTOMATIC_KINDS = ["probe_meets_floor"] as const;
export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number] | "login_history_clean";

/** A template's scope in a query string: a category, or "campaign" for the campaign's own checklist. */
export const CAMPAIGN_WIDE = "campaign";

const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const uuid = z.string().uuid("must be a valid id");

const title = z.string({ message: "is required" }).trim().min(3, "must be at least 3 characters").max(200, "must be at most 200 characters");
const guidance = z.string().trim().max(4000, "must be at most 4000 characters");
const evidence = z.enum(EVIDENCE_KINDS, { message: "must be none, note or link" });
const position = z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be 1 or more");

const note = z.preprocess(emptyToNull, z.string().trim().max(2000, "must be at most 2000 characters").nullable()).optional();
const evidenceUrl = z
  .preprocess(
    emptyToNull,
    z
      .string()
      .trim()
      .max(2000, "must be at most 2000 characters")
      .refine((v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v), { message: "must be a web address starting with https:// or http://" })
      .nullable(),
  )
  .optional();

/** A tick or an untick, made against the item's `version`. */
export const tickInput = z.object({
  done: z.boolean({ message: "must be true (tick) or false (untick)" }),
  note,
  evidenceUrl,
  version: versionSchema,
});
export type TickInput = z.infer<typeof tickInput>;

export const tickActionInput = tickInput.extend({ id: uuid });

/** Rules between a template's fields, shared by create and change. */
function templateRules(v: { category?: Category | null; automatic?: string | null; evidence?: EvidenceKind }, ctx: z.RefinementCtx) {
  if (!v.automatic) return;
  if (v.category === null) ctx.addIssue({ code: "custom", path: ["automatic"], message: "is for integrations' checklists: a campaign-wide item has no endpoint to probe" });
  else if (v.category && !CATEGORY_INFO[v.category].probeable) {
    const probeable = CATEGORIES.filter((c) => CATEGORY_INFO[c].probeable).map((c) => CATEGORY_INFO[c].label);
    ctx.addIssue({ code: "custom", path: ["automatic"], message: `needs a category a probe can test (${probeable.join(", ")})` });
  }
  if (v.evidence && v.evidence !== "none") ctx.addIssue({ code: "custom", path: ["evidence"], message: "must be none for an automatic item: its evidence is the probe" });
}

export const createTemplateInput = z
  .object({
    /** Default: the active campaign. */
    campaignId: uuid.optional(),
    /** A category, or null for the campaign's own checklist. */
    category: z.enum(CATEGORIES, { message: `must be one of ${CATEGORIES.join(", ")}, or null for the campaign's own checklist` }).nullable(),
    title,
    guidance: guidance.default(""),
    required: z.boolean({ message: "must be true or false" }).default(true),
    verification: z.boolean({ message: "must be true or false" }).default(false),
    evidence: evidence.default("none"),
    automatic: z.enum(AUTOMATIC_KINDS, { message: `must be ${AUTOMATIC_KINDS.join(", ")} or null` }).nullable().default(null),
    /** Where it goes among the checklist's current items (1 = first); default: last. */
    position: position.optional(),
  })
  .superRefine(templateRules);
export type CreateTemplateInput = z.infer<typeof createTemplateInput>;

/** A change to a template: reword, reorder (`position`), retire; made against its `version`. */
export const templateChanges = z.object({
  version: versionSchema,
  title: title.optional(),
  guidance: guidance.optional(),
  required: z.boolean({ message: "must be true or false" }).optional(),
  verification: z.boolean({ message: "must be true or false" }).optional(),
  evidence: evidence.optional(),
  position: position.optional(),
  retired: z.literal(true, { message: "can only be true: a retired item stays retired (add it again if needed)" }).optional(),
});
export type TemplateChanges = z.infer<typeof templateChanges>;

export const templateActionInput = templateChanges.extend({ id: uuid });

const campaignParam = uuid.optional();

export const templatesQuery = z.object({
  campaign: campaignParam,
  category: z
    .enum([...CATEGORIES, CAMPAIGN_WIDE], { message: `must be one of ${CATEGORIES.join(", ")} or ${CAMPAIGN_WIDE}` })
    .optional(),
});
export type TemplatesQuery = z.infer<typeof templatesQuery>;

export const checklistQuery = z.object({ campaign: campaignParam });

const page = z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").default(1);
const pageSize = (max: number, fallback: number) =>
  z.coerce.number({ message: "must be a number" }).int().min(1, "must be at least 1").max(max, `must be at most ${max}`).default(fallback);

/** The board's filters: the inventory's own category, owner and verdict filters, plus open items. */
export const boardQuery = listQuerySchema.pick({ category: true, verdict: true }).extend({
  owner: z
    .string()
    .refine((v) => v === "me" || isUuid(v), { message: "must be a user id or me" })
    .optional(),
  open: z.enum(["true", "false"], { message: "must be true or false" }).optional().transform((v) => v === "true"),
  page,
  pageSize: pageSize(200, 50),
});
export type BoardQuery = z.infer<typeof boardQuery>;

export const workQuery = z.object({ page, pageSize: pageSize(500, 100) });
export type WorkQuery = z.infer<typeof workQuery>;
