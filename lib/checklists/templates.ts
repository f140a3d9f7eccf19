import "server-only";
import { db, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDay } from "@/lib/format";
import { CATEGORY_INFO, type Category } from "@/lib/integrations/categories";
import { SqlParams } from "@/lib/sql";
import { syncAutomaticItemsOfCampaign } from "./automatic";
import { LARGE_CAMPAIGN, instantiateItems } from "./instantiate";
import { inTx, onPool, resolveCampaignId, type ItemDefinition, type RunSql } from "./items";
import { moveTo } from "./rules";
import { CAMPAIGN_WIDE, type CreateTemplateInput, type TemplateChanges, type TemplatesQuery } from "./schemas";
import { updateVersioned } from "./versioned";

export interface TemplateView extends ItemDefinition {
  id: string;
  campaignId: string;
  /** Null: an item of the campaign's own checklist. */
  category: Category | null;
  position: number;
  retiredAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Its items on checklists now: how many there are and how many are done. */
  items: { done: number; total: number };
}

const TEMPLATE_SQL = `
  SELECT t.id::text AS id, t.campaign_id::text AS "campaignId", t.category::text AS category, t.title, t.guidance, t.required,
         t.verification, t.evidence::text AS evidence, t.automatic::text AS automatic, t.position, t.retired_at AS "retiredAt",
         t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt",
         json_build_object('done', coalesce(n.done, 0), 'total', coalesce(n.total, 0)) AS items
    FROM checklist_templates t
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS total, count(*) FILTER (WHERE ci.done)::int AS done
        FROM checklist_items ci LEFT JOIN integrations ii ON ii.id = ci.integration_id
       WHERE ci.template_id = t.id AND t.category IS NOT DISTINCT FROM ii.category) n ON true`;
const TEMPLATE_ORDER = "ORDER BY t.category NULLS FIRST, t.retired_at IS NOT NULL, t.position, t.created_at, t.id";

async function selectTemplates(run: RunSql, where: string, values: unknown[]): Promise<TemplateView[]> {
  return run<TemplateView>(`${TEMPLATE_SQL} WHERE ${where} ${TEMPLATE_ORDER}`, values);
}

export const scopeLabel = (category: Category | null) => (category ? `${CATEGORY_INFO[category].label} checklist` : "campaign's own checklist");

/** A campaign's templates (default: the active campaign), current ones first in order, then retired ones. */
export async function listTemplates(actor: Actor, query: TemplatesQuery) {
  assertCan(actor, "checklists.read");
  const campaignId = await resolveCampaignId(query.campaign);
  if (!campaignId) return { campaignId: null, data: [] as TemplateView[] };
  const p = new SqlParams();
  const where = [`t.campaign_id = ${p.add(campaignId)}::uuid`];
  if (query.category === CAMPAIGN_WIDE) where.push("t.category IS NULL");
  else if (query.category) where.push(`t.category = ${p.add(query.category)}::"IntegrationCategory"`);
  return { campaignId, data: await selectTemplates(onPool, where.join(" AND "), p.values) };
}

async function currentSiblings(tx: Tx, campaignId: string, category: Category | null, except?: string) {
  return tx.checklistTemplate.findMany({
    where: { campaignId, category, retiredAt: null, ...(except ? { id: { not: except } } : {}) },
    select: { id: true, title: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
}

function assertUniqueTitle(siblings: { title: string }[], title: string, category: Category | null): void {
  if (siblings.some((s) => s.title.toLowerCase() === title.toLowerCase())) {
    throw new ConflictError(`The ${scopeLabel(category)} already has an item “${title}”.`, undefined, { title: "is already on this checklist" });
  }
}

/** Numbers the templates 1…n in the given order (only rows whose position changes are written). */
async function writeOrder(tx: Tx, ids: string[]): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE checklist_templates t SET position = o.pos::int
       FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, pos)
      WHERE t.id = o.id AND t.position <> o.pos`,
    ids,
  );
}

/** Adds an item to a checklist; every integration of that category in the campaign gets it, open. */
export async function createTemplate(actor: Actor, input: CreateTemplateInput): Promise<TemplateView> {
  assertCan(actor, "checklists.manage");
  const campaignId = await resolveCampaignId(input.campaignId);
  if (!campaignId) throw new ValidationError("There is no campaign yet: create one first.", { campaignId: "is required: there is no campaign yet" });
  return db.$transaction(async (tx) => {
    const siblings = await currentSiblings(tx, campaignId, input.category);
    assertUniqueTitle(siblings, input.title, input.category);
    const at = now();
    const { title, guidance, required, verification, evidence, automatic, category, position } = input;
    const fields = { title, guidance, required, verification, evidence, automatic, category };
    const created = await tx.checklistTemplate.create({
      data: { ...fields, campaignId, position: siblings.length + 1, createdAt: at, updatedAt: at },
      select: { id: true },
    });
    if (position !== undefined && position <= siblings.length) await writeOrder(tx, moveTo([...siblings.map((s) => s.id), created.id], created.id, position));
    const added = await instantiateItems(tx, { templateIds: [created.id] }, at);
    if (input.automatic) await syncAutomaticItemsOfCampaign(tx, campaignId);
    const [view] = await selectTemplates(inTx(tx), "t.id = $1::uuid", [created.id]);
    await recordAudit(tx, auditActor(actor), {
      action: "checklist_template.create",
      entityType: "checklist_template",
      entityId: created.id,
      summary: `Added “${input.title}” to the ${scopeLabel(input.category)}${input.category ? ` (open on ${added} integration${added === 1 ? "" : "s"})` : ""}`,
      after: fields,
    });
    return view;
  }, LARGE_CAMPAIGN);
}

const CHANGEABLE = ["title", "guidance", "required", "verification", "evidence"] as const;

/** Rewords, reorders or retires a template, against its `version`. Retiring keeps every item and tick. */
export async function updateTemplate(actor: Actor, id: string, changes: TemplateChanges): Promise<TemplateView> {
  assertCan(actor, "checklists.manage");
  return db.$transaction(async (tx) => {
    const before = await tx.checklistTemplate.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("Checklist template");
    const current = async () => (await selectTemplates(inTx(tx), "t.id = $1::uuid", [id]))[0];
    if (before.retiredAt) {
      throw new ConflictError(`“${before.title}” was retired on ${formatDay(before.retiredAt)} and can no longer change; add a new item instead.`, await current());
    }
    if (before.automatic && changes.evidence && changes.evidence !== "none") {
      throw new ValidationError("An automatic item's evidence is its probe.", { evidence: "must be none for an automatic item: its evidence is the probe" });
    }
    const changed = CHANGEABLE.filter((k) => changes[k] !== undefined && changes[k] !== before[k]);
    if (changes.title !== undefined && changed.includes("title")) assertUniqueTitle(await currentSiblings(tx, before.campaignId, before.category, id), changes.title, before.category);
    const at = now();
    await updateVersioned({
      update: () =>
        tx.checklistTemplate.updateMany({
          where: { id, version: changes.version },
          data: {
            ...Object.fromEntries(changed.map((k) => [k, changes[k]])),
            ...(changes.retired ? { retiredAt: at } : {}),
            version: { increment: 1 },
            updatedAt: at,
          },
        }),
      current,
      message: `Someone else changed “${before.title}” since you opened it. Review the current wording and apply your change again.`,
    });
    if (changes.position !== undefined && !changes.retired) {
      const ids = (await currentSiblings(tx, before.campaignId, before.category)).map((s) => s.id);
      await writeOrder(tx, moveTo(ids, id, changes.position));
    }
    const after = (await current())!;
    const what = [...changed, ...(changes.position !== undefined ? ["position"] : [])];
    await recordAudit(tx, auditActor(actor), {
      action: changes.retired ? "checklist_template.retire" : "checklist_template.update",
      entityType: "checklist_template",
      entityId: id,
      summary: changes.retired
        ? `Retired “${before.title}” from the ${scopeLabel(before.category)} (its ${after.items.done} ticks are kept)`
        : `Changed ${what.join(", ") || "nothing"} of “${after.title}” in the ${scopeLabel(before.category)}`,
      before: { ...Object.fromEntries(changed.map((k) => [k, before[k]])), position: before.position },
      after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), position: after.position, ...(changes.retired ? { retiredAt: at } : {}) },
    });
    return after;
  });
}

/**
 * A new campaign starts with a copy of another campaign's current checklists (category and
 * campaign-wide), instantiated for every integration at once.
 */
export async function copyChecklists(tx: Tx, fromCampaignId: string, toCampaignId: string, at: Date): Promise<number> {
  const copied = await tx.$executeRawUnsafe(
    `INSERT INTO checklist_templates (campaign_id, category, title, guidance, required, verification, evidence, automatic, position, created_at, updated_at)
     SELECT $2::uuid, category, title, guidance, required, verification, evidence, automatic,
            row_number() OVER (PARTITION BY category ORDER BY position, created_at, id)::int, $3::timestamptz, $3::timestamptz
       FROM checklist_templates WHERE campaign_id = $1::uuid AND retired_at IS NULL`,
    fromCampaignId,
    toCampaignId,
    at,
  );
  if (copied === 0) return 0;
  await instantiateItems(tx, { campaignId: toCampaignId }, at);
  await syncAutomaticItemsOfCampaign(tx, toCampaignId);
  return copied;
}
