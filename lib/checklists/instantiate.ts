import "server-only";
import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { SqlParams } from "@/lib/sql";
import { syncAutomaticItems } from "./automatic";

/**
 * Transaction options for work that writes a row per integration of a campaign (adding an item
 * everywhere, copying checklists, re-judging automatic items): at tens of thousands of
 * integrations that outlasts Prisma's 5 s default.
 */
export const LARGE_CAMPAIGN = { timeout: 60_000 };

/**
 * Gives integrations the items their checklists call for: one per current template of their
 * category, in every campaign that has templates for it (an integration is in a campaign when the
 * campaign's checklists cover its category). Set-based and idempotent: existing items, and items
 * left over from a retired template or an earlier category, are untouched. Campaign-wide templates
 * get their one item (no integration) when the scope names templates or a campaign.
 */
export async function instantiateItems(
  tx: Tx,
  scope: { integrationIds?: string[]; templateIds?: string[]; campaignId?: string },
  at: Date = now(),
): Promise<number> {
  const p = new SqlParams();
  const filters: string[] = ["t.retired_at IS NULL"];
  if (scope.integrationIds) filters.push(`i.id = ANY(${p.add(scope.integrationIds)}::uuid[])`);
  if (scope.templateIds) filters.push(`t.id = ANY(${p.add(scope.templateIds)}::uuid[])`);
  if (scope.campaignId) filters.push(`t.campaign_id = ${p.add(scope.campaignId)}::uuid`);
  const stamp = p.add(at);
  let created = await tx.$executeRawUnsafe(
    `INSERT INTO checklist_items (template_id, campaign_id, integration_id, created_at, updated_at)
     SELECT t.id, t.campaign_id, i.id, ${stamp}::timestamptz, ${stamp}::timestamptz
       FROM checklist_templates t JOIN integrations i ON i.category = t.category
      WHERE ${filters.join(" AND ")}
     ON CONFLICT (template_id, integration_id) DO NOTHING`,
    ...p.values,
  );
  if (!scope.integrationIds && (scope.templateIds || scope.campaignId)) {
    const q = new SqlParams();
    const where = ["t.category IS NULL", "t.retired_at IS NULL"];
    if (scope.templateIds) where.push(`t.id = ANY(${q.add(scope.templateIds)}::uuid[])`);
    if (scope.campaignId) where.push(`t.campaign_id = ${q.add(scope.campaignId)}::uuid`);
    const when = q.add(at);
    created += await tx.$executeRawUnsafe(
      `INSERT INTO checklist_items (template_id, campaign_id, integration_id, created_at, updated_at)
       SELECT t.id, t.campaign_id, NULL, ${when}::timestamptz, ${when}::timestamptz
         FROM checklist_templates t
        WHERE ${where.join(" AND ")}
          AND NOT EXISTS (SELECT 1 FROM checklist_items x WHERE x.template_id = t.id AND x.integration_id IS NULL)`,
      ...q.values,
    );
  }
  return created;
}

/**
 * After integrations are created, change category or change endpoint: they get the items their
 * (new) category calls for, and their automatic items are judged again.
 */
export async function refreshChecklists(tx: Tx, integrationIds: string[]): Promise<void> {
  if (integrationIds.length === 0) return;
  await instantiateItems(tx, { integrationIds });
  await syncAutomaticItems(tx, integrationIds);
}
