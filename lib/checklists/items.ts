import "server-only";
import { db, readRows, type Tx } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ACTIVE_ID_SQL, resolveActiveId } from "@/lib/campaigns/service";
import { NotFoundError } from "@/lib/errors";
import type { AutomaticKind, EvidenceKind } from "./schemas";

/** What a template says an item is: shared by templates and the items made from them. */
export interface ItemDefinition {
  title: string;
  guidance: string;
  required: boolean;
  verification: boolean;
  evidence: EvidenceKind;
  automatic: AutomaticKind | null;
}

/** One item of a checklist, as the API and the pages show it. */
export interface ChecklistItemView extends ItemDefinition {
  id: string;
  done: boolean;
  doneAt: Date | null;
  /** Who ticked it; null when open, or when a probe or an import ticked it (then `doneAt` is the probe's or the import's time). */
  doneBy: { id: string; name: string } | null;
  /** What ticked a done item: a person, a probe (an automatic item), or a Login History import; null when open. */
  tickedBy: "person" | "probe" | "import" | null;
  note: string | null;
  evidenceUrl: string | null;
  version: number;
}

/** How far a checklist is: items done (of all), how many are required, how many there are. */
export interface Progress {
  done: number;
  required: number;
  total: number;
}

export const NO_PROGRESS: Progress = { done: 0, required: 0, total: 0 };

// An item is on a checklist while its template is not retired and matches what the item belongs
// to: the integration's current category, or (campaign-wide) no category. Items of a retired
// template, or of the category an integration had before, stay in the table with their ticks.
export const ITEM_FROM = `checklist_items ci
  JOIN checklist_templates t ON t.id = ci.template_id
  LEFT JOIN integrations ii ON ii.id = ci.integration_id`;
export const CURRENT_ITEM = "t.retired_at IS NULL AND t.category IS NOT DISTINCT FROM ii.category";
export const ITEM_ORDER = "t.position, t.created_at, t.id";

// An import's tick names no person and links to the import (lib/login-history/evidence.ts); a
// person's evidence link is always an http(s) URL.
const TICKED_BY_SQL = `(CASE WHEN NOT ci.done THEN NULL WHEN ci.done_by_probe_id IS NOT NULL THEN 'probe'
  WHEN ci.done_by_id IS NULL AND ci.evidence_url LIKE '/login-history#import-%' THEN 'import' ELSE 'person' END)`;

const ITEM_COLUMNS = `ci.id::text AS id, t.title, t.guidance, t.required, t.verification, t.evidence::text AS evidence,
  t.automatic::text AS automatic, ci.done, ci.done_at AS "doneAt", du.id::text AS "doneById", du.name AS "doneByName",
  ci.note, ci.evidence_url AS "evidenceUrl", ci.version, ${TICKED_BY_SQL} AS "tickedBy"`;

interface ItemRow extends Omit<ChecklistItemView, "doneBy"> {
  doneById: string | null;
  doneByName: string | null;
}

export function toItemView(r: ItemRow): ChecklistItemView {
  const { doneById, doneByName, ...rest } = r;
  return { ...rest, doneAt: r.doneAt ? new Date(r.doneAt) : null, doneBy: doneById ? { id: doneById, name: doneByName ?? "" } : null };
}

/** Runs read SQL either on the shared pool or inside a transaction (to see its own writes). */
export type RunSql = <T>(sql: string, values: unknown[]) => Promise<T[]>;
export const onPool: RunSql = (sql, values) => readRows(sql, values) as never;
export const inTx =
  (tx: Tx): RunSql =>
  (sql, values) =>
    tx.$queryRawUnsafe(sql, ...values);

/** Items matching `where` (SQL over ci, t, ii; values bound as $1…), in checklist order. */
export async function selectItems(run: RunSql, where: string, values: unknown[]): Promise<ChecklistItemView[]> {
  const rows = await run<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM ${ITEM_FROM} LEFT JOIN users du ON du.id = ci.done_by_id WHERE ${where} ORDER BY ${ITEM_ORDER}`,
    values,
  );
  return rows.map(toItemView);
}

export function progressOf(items: Pick<ChecklistItemView, "done" | "required">[]): Progress {
  return { done: items.filter((i) => i.done).length, required: items.filter((i) => i.required).length, total: items.length };
}

/** A campaign named by id (404 when unknown), or the active one (null when there is none). */
export async function resolveCampaignId(campaignId?: string): Promise<string | null> {
  if (!campaignId) return resolveActiveId();
  const found = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
  if (!found) throw new NotFoundError("Campaign");
  return found.id;
}

/** The checklist of one integration for a campaign (default: the active one), with its progress. */
export async function getIntegrationChecklist(actor: Actor, integrationId: string, campaignId?: string) {
  assertCan(actor, "checklists.read");
  const [integration, campaign] = await Promise.all([
    db.integration.findUnique({ where: { id: integrationId }, select: { id: true } }),
    resolveCampaignId(campaignId),
  ]);
  if (!integration) throw new NotFoundError("Integration");
  const data = campaign ? await selectItems(onPool, `ci.integration_id = $1::uuid AND ci.campaign_id = $2::uuid AND ${CURRENT_ITEM}`, [integrationId, campaign]) : [];
  return { data, progress: progressOf(data) };
}

/** A campaign's own checklist (campaign-wide items, ticked by admins). */
export async function getCampaignChecklist(actor: Actor, campaignId: string) {
  assertCan(actor, "checklists.read");
  await resolveCampaignId(campaignId);
  const data = await selectItems(onPool, `ci.integration_id IS NULL AND ci.campaign_id = $1::uuid AND ${CURRENT_ITEM}`, [campaignId]);
  return { data, progress: progressOf(data) };
}

/**
 * Checklist progress of many integrations against the active campaign, counted in the database:
 * for the inventory's JSON and its CSV export. Integrations without items get zeros.
 */
export async function progressByIntegration(integrationIds: string[]): Promise<Map<string, Progress>> {
  const progress = new Map<string, Progress>();
  if (integrationIds.length === 0) return progress;
  const rows = await readRows<Progress & { id: string }>(
    `SELECT ci.integration_id::text AS id, count(*) FILTER (WHERE ci.done)::int AS done,
            count(*) FILTER (WHERE t.required)::int AS required, count(*)::int AS total
       FROM ${ITEM_FROM}
      WHERE ci.integration_id = ANY($1::uuid[]) AND ci.campaign_id = ${ACTIVE_ID_SQL} AND ${CURRENT_ITEM}
      GROUP BY ci.integration_id`,
    [integrationIds],
  );
  for (const { id, ...p } of rows) progress.set(id, p);
  return progress;
}

/** Adds `checklist: { done, required, total }` to integration rows. */
export async function withProgress<T extends { id: string }>(rows: T[]): Promise<(T & { checklist: Progress })[]> {
  const progress = await progressByIntegration(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, checklist: progress.get(r.id) ?? NO_PROGRESS }));
}
