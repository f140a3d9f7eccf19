import "server-only";
import { readRows } from "@/lib/db";
import { untilChange } from "@/lib/live/until-change";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { getActiveCampaign } from "@/lib/campaigns/service";
import { CATEGORIES, CATEGORY_INFO, type Category } from "@/lib/integrations/categories";
import { CHECKLIST_JOIN, LATEST_PROBE_JOIN, verdictFilterSql, verdictSql } from "@/lib/readiness/verdict-sql";
import { LIST_COLUMNS, LIST_FROM, toItem, whereSql, type ListRow } from "@/lib/integrations/query";
import { readinessContext, type ReadinessContext } from "@/lib/readiness/context";
import { SqlParams } from "@/lib/sql";
import { getCampaignChecklist, progressOf, type ChecklistItemView } from "./items";
import type { BoardQuery } from "./schemas";

/** An item as the board's strip of tick boxes shows it. */
export type BoardItem = Pick<ChecklistItemView, "id" | "title" | "required" | "verification" | "evidence" | "automatic" | "done" | "version">;

export interface BoardGroup {
  category: Category;
  label: string;
  /** Integrations in the group (after the filters), retired ones included (they are listed). */
  total: number;
  /** Of those, the ones in scope (not retired): what the share ready is of, as in the header. */
  inScope: number;
  ready: number;
  /** Integrations with at least one open item. */
  withOpenItems: number;
  items: { done: number; total: number };
}

// The current items of the integration `i` in the campaign `campaign` (a bound parameter).
const currentItemsOf = (campaign: string) => `
  FROM checklist_items ci JOIN checklist_templates t ON t.id = ci.template_id
 WHERE ci.integration_id = i.id AND ci.campaign_id = ${campaign}::uuid AND t.retired_at IS NULL AND t.category = i.category`;

/**
 * The board's filters. Over every integration (`aggregated`), the verdict and "has open items"
 * read each checklist from CHECKLIST_JOIN (`cl`, aggregated in one pass; the FROM must include it
 * when `needsChecklist`); for one page in list order, a subquery per row (`campaign`: its id as
 * a bound parameter) stops as soon as the page is full.
 */
function boardWhere(query: BoardQuery, actor: Actor, p: SqlParams, context: ReadinessContext, from: "aggregated" | { campaign: string }): string {
  const parts = [whereSql({ category: query.category, status: [], verdict: [], owner: query.owner }, actor, p, context).replace(/^WHERE /, "")].filter(Boolean);
  const aggregated = from === "aggregated";
  if (query.verdict?.length) parts.push(verdictFilterSql(context.floor, p, query.verdict, aggregated ? "cl.completed_at" : undefined));
  if (query.open) parts.push(aggregated ? "cl.total > cl.done" : `EXISTS (SELECT 1 ${currentItemsOf(from.campaign)} AND NOT ci.done)`);
  return parts.length ? `WHERE ${parts.join(" AND ")}` : "";
}
const needsChecklist = (query: BoardQuery) => Boolean(query.verdict?.length || query.open);

/** The board page's paging: each group has its own page (1-based) of `pageSize` rows. */
export type GroupPages = Partial<Record<Category, number>>;

/**
 * The checklist board: integrations grouped by impact area in the vendor notice's order (the
 * category enum's order), each group counted in the database, and rows with their verdict,
 * checklist and next open item: one page of all rows (`query.page`, the API), or with
 * `groupPages` one page per group (the board page). The campaign's own checklist comes with it.
 */
export async function getBoard(actor: Actor, query: BoardQuery, groupPages?: GroupPages) {
  assertCan(actor, "checklists.read");
  const [context, campaign] = await Promise.all([readinessContext(actor), getActiveCampaign(actor)]);
  const campaignId = campaign?.id ?? null;

  const rp = new SqlParams();
  const rowCampaign = `${rp.add(campaignId)}`;
  const filterJoin = needsChecklist(query) ? CHECKLIST_JOIN : "";
  const offset = (query.page - 1) * query.pageSize;
  // Per group: number the matching rows within each category (ids only), keep each group's page.
  const groupOffsets = CATEGORIES.map((c) => ((groupPages?.[c] ?? 1) - 1) * query.pageSize);
  const rowWhere = boardWhere(query, actor, rp, context, groupPages ? "aggregated" : { campaign: rowCampaign });
  let selection = "";
  if (groupPages && !filterJoin) {
    // Plain column filters: each group's page straight from the (category, name) index.
    selection = `WHERE i.id IN (SELECT x.id FROM unnest(${rp.add(CATEGORIES)}::"IntegrationCategory"[], ${rp.add(groupOffsets)}::int[]) AS g(category, skip)
      CROSS JOIN LATERAL (SELECT i.id FROM integrations i ${rowWhere ? `${rowWhere} AND` : "WHERE"} i.category = g.category
                           ORDER BY i.name, i.id LIMIT ${rp.add(query.pageSize)} OFFSET g.skip) x)`;
  } else if (groupPages) {
    // Filters on the verdict or open items: rank the matching rows within each category once.
    selection = `WHERE i.id IN (SELECT id FROM (
         SELECT i.id, i.category, row_number() OVER (PARTITION BY i.category ORDER BY i.name, i.id) AS rn
           FROM integrations i ${LATEST_PROBE_JOIN} ${filterJoin} ${rowWhere}) ranked
        WHERE ranked.rn > (${rp.add(groupOffsets)}::int[])[array_position(${rp.add(CATEGORIES)}::text[], ranked.category::text)]
          AND ranked.rn <= (${rp.add(groupOffsets)}::int[])[array_position(${rp.add(CATEGORIES)}::text[], ranked.category::text)] + ${rp.add(query.pageSize)})`;
  }
  // Per group, the ranked selection already applied the filters.
  const rowsWhere = groupPages ? selection : rowWhere;
  const paging = groupPages ? "" : `LIMIT ${rp.add(query.pageSize)} OFFSET ${rp.add(offset)}`;
  const rowsSql = `
    SELECT ${LIST_COLUMNS},
           (SELECT coalesce(json_agg(json_build_object('id', ci.id, 'title', t.title, 'required', t.required, 'verification', t.verification,
                     'evidence', t.evidence, 'automatic', t.automatic, 'done', ci.done, 'version', ci.version) ORDER BY t.position, t.created_at, t.id), '[]')
              ${currentItemsOf(rowCampaign)}) AS items
      ${LIST_FROM} ${rowsWhere}
     ORDER BY i.category, i.name, i.id ${paging}`;

  // Counts over every matching integration: each one's checklist aggregated once (CHECKLIST_JOIN).
  const gp = new SqlParams();
  const groupWhere = boardWhere(query, actor, gp, context, "aggregated");
  const groupsSql = `
    SELECT i.category::text AS category, count(*)::int AS total, count(*) FILTER (WHERE i.status <> 'retired')::int AS "inScope",
           count(*) FILTER (WHERE ${verdictSql(context.floor, gp, "cl.completed_at")} = 'ready')::int AS ready,
           count(*) FILTER (WHERE cl.total > cl.done)::int AS "withOpenItems",
           coalesce(sum(cl.done), 0)::int AS "itemsDone", coalesce(sum(cl.total), 0)::int AS "itemsTotal"
      FROM integrations i ${LATEST_PROBE_JOIN} ${CHECKLIST_JOIN}
      ${groupWhere}
     GROUP BY i.category ORDER BY i.category`;

  const [rows, groupRows, campaignChecklist] = await Promise.all([
    readRows<ListRow & { items: BoardItem[] }>(rowsSql, rp.values),
    // The counts are kept until the database reports a change (lib/live/until-change.ts).
    untilChange.get(`board-groups:${groupsSql}:${JSON.stringify(gp.values)}`, () =>
      readRows<Omit<BoardGroup, "label" | "items"> & { itemsDone: number; itemsTotal: number }>(groupsSql, gp.values),
    ),
    campaignId ? getCampaignChecklist(actor, campaignId) : null,
  ]);
  const groups: BoardGroup[] = groupRows.map(({ itemsDone, itemsTotal, ...g }) => ({
    ...g,
    label: CATEGORY_INFO[g.category].label,
    items: { done: itemsDone, total: itemsTotal },
  }));
  const data = rows.map(({ items, ...r }) => {
    const { id, name, category, owner, status, readiness } = toItem(r, context);
    const next = items.find((item) => !item.done);
    return {
      id,
      name,
      category,
      owner: owner ? { id: owner.id, name: owner.name } : null,
      status,
      readiness,
      checklist: progressOf(items),
      nextItem: next ? { id: next.id, title: next.title } : null,
      items,
    };
  });
  return {
    campaign: campaign ? { id: campaign.id, name: campaign.name, floor: campaign.floor, milestones: campaign.milestones } : null,
    campaignChecklist: campaignChecklist ?? { data: [], progress: progressOf([]) },
    groups,
    data,
    page: query.page,
    pageSize: query.pageSize,
    total: groups.reduce((sum, g) => sum + g.total, 0),
  };
}
export type Board = Awaited<ReturnType<typeof getBoard>>;
