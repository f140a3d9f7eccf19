import "server-only";
import { readRows } from "@/lib/db";
import { now } from "@/lib/clock";
import { can, canAny, type Actor } from "@/lib/auth/permissions";
import { ACTIVE_ID_SQL } from "@/lib/campaigns/service";
import type { Category } from "@/lib/integrations/categories";
import { SqlParams } from "@/lib/sql";
import { CURRENT_ITEM, ITEM_FROM, ITEM_ORDER, toItemView, type ChecklistItemView } from "./items";

export type WorkItem = ChecklistItemView & {
  /** Null for an item of the campaign's own checklist. */
  integration: { id: string; name: string; category: Category } | null;
  campaign: { id: string; name: string };
  /** The milestone it is due for: the campaign's next one, or its last when all have passed (overdue). */
  milestone: { name: string; dueAt: Date } | null;
};

interface WorkRow extends Omit<ChecklistItemView, "doneBy"> {
  doneById: null;
  doneByName: null;
  integrationId: string | null;
  integrationName: string | null;
  integrationCategory: Category | null;
  campaignId: string;
  campaignName: string;
  milestoneName: string | null;
  milestoneDueAt: Date | null;
  total: number;
}

/**
 * A person's open items: those of the integrations they own and, for admins, the campaigns' own
 * checklists; in the active campaign and any campaign with a milestone still ahead. Sorted by the
 * milestone each is due for, nearest (or overdue) first. Managers own nothing: none.
 */
export async function myWork(actor: Actor, paging: { page: number; pageSize: number }) {
  const result = { data: [] as WorkItem[], page: paging.page, pageSize: paging.pageSize, total: 0 };
  if (!canAny(actor, "checklists.tick")) return result;
  const p = new SqlParams();
  const at = `${p.add(now())}::timestamptz`;
  const mine = [`ii.owner_id = ${p.add(actor.id)}::uuid`];
  if (can(actor, "checklists.tick", { ownerId: null })) mine.push("ci.integration_id IS NULL");
  const from = `FROM ${ITEM_FROM} JOIN campaigns c ON c.id = ci.campaign_id
    WHERE NOT ci.done AND ${CURRENT_ITEM} AND (${mine.join(" OR ")})
      AND (c.id = ${ACTIVE_ID_SQL} OR EXISTS (SELECT 1 FROM milestones m WHERE m.campaign_id = c.id AND m.due_at >= ${at}))`;
  const rows = await readRows<WorkRow>(
    `SELECT ci.id::text AS id, t.title, t.guidance, t.required, t.verification, t.evidence::text AS evidence, t.automatic::text AS automatic,
            ci.done, ci.done_at AS "doneAt", NULL AS "doneById", NULL AS "doneByName", ci.note, ci.evidence_url AS "evidenceUrl", ci.version, NULL AS "tickedBy",
            ii.id::text AS "integrationId", ii.name AS "integrationName", ii.category::text AS "integrationCategory",
            c.id::text AS "campaignId", c.name AS "campaignName", due.name AS "milestoneName", due.due_at AS "milestoneDueAt",
            count(*) OVER ()::int AS total
       FROM (SELECT ci.id AS item_id ${from}) mine
       JOIN checklist_items ci ON ci.id = mine.item_id
       JOIN checklist_templates t ON t.id = ci.template_id
       LEFT JOIN integrations ii ON ii.id = ci.integration_id
       JOIN campaigns c ON c.id = ci.campaign_id
       LEFT JOIN LATERAL (
         SELECT m.name, m.due_at FROM milestones m WHERE m.campaign_id = c.id
          ORDER BY m.due_at < ${at}, CASE WHEN m.due_at >= ${at} THEN m.due_at END, m.due_at DESC LIMIT 1) due ON true
      ORDER BY due.due_at NULLS LAST, c.name, ii.name NULLS FIRST, ${ITEM_ORDER}
      LIMIT ${p.add(paging.pageSize)} OFFSET ${p.add((paging.page - 1) * paging.pageSize)}`,
    p.values,
  );
  const data = rows.map((r): WorkItem => {
    const { integrationId, integrationName, integrationCategory, campaignId, campaignName, milestoneName, milestoneDueAt, total: _total, ...item } = r;
    return {
      ...toItemView(item),
      integration: integrationId ? { id: integrationId, name: integrationName ?? "", category: integrationCategory! } : null,
      campaign: { id: campaignId, name: campaignName },
      milestone: milestoneName && milestoneDueAt ? { name: milestoneName, dueAt: new Date(milestoneDueAt) } : null,
    };
  });
  // count(*) OVER () rides on the rows; past the last page there is no row to carry it.
  const total = rows[0]?.total ?? (paging.page > 1 ? (await readRows<{ n: number }>(`SELECT count(*)::int AS n ${from}`, p.values.slice(0, -2)))[0].n : 0);
  return { ...result, data, total };
}
