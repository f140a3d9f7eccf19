// The SQL of a daily snapshot. One aggregation serves two sources of "each integration at the end
// of day D": the live tables (a snapshot taken that day) and a reconstruction from the audit log
// and the probe history (backfill). Both count verdicts through lib/readiness/verdict-sql.ts, so
// the readiness rule has one SQL home; tests/integration/history.test.ts checks that a
// reconstructed day equals a live snapshot of it.
import type { TlsVersionName } from "@/lib/tls-probe/versions";
import { SqlParams } from "@/lib/sql";
import { READY_BASES, VERDICTS } from "@/lib/readiness/verdict";
import { readinessSql } from "@/lib/readiness/verdict-sql";
import { CURRENT_ITEM } from "@/lib/checklists/items";

/** "*" in a snapshot row's category or owner: every one of them. */
export const ALL = "*";
/** The owner of an integration nobody owns. */
export const NO_OWNER = "-";

export interface DayWindow {
  campaignId: string;
  floor: TlsVersionName;
  /** The day's first instant (UTC midnight) and the next day's. */
  start: Date;
  end: Date;
}

/**
 * Per integration: its verdict at the end of the day and the facts counted beside it. `source`
 * yields integrations as `i` (the columns readinessSql reads, plus category and owner_id) and
 * their latest probe as `p`; `itemsDone` is how many of its checklist items were done.
 */
function factsSql(source: string, itemsDone: string, itemsTotal: string, w: DayWindow, params: SqlParams, $: Record<"start" | "end" | "campaign", string>): string {
  const { verdict, basis } = readinessSql(w.floor, params);
  const supported = (v: TlsVersionName) => `coalesce((p.result->'protocols'->'${v}'->>'supported')::boolean, false)`;
  return `SELECT i.category::text AS category, coalesce(i.owner_id::text, '${NO_OWNER}') AS owner, false AS gone,
      ${verdict} AS verdict, ${basis} AS basis, (i.status::text <> 'retired') AS in_scope,
      ${supported("TLSv1")} AS tls10, ${supported("TLSv1.1")} AS tls11, ${supported("TLSv1.2")} AS tls12, ${supported("TLSv1.3")} AS tls13,
      (CASE WHEN p.cert_not_after >= ${$.end} THEN p.cert_not_after - ${$.end} END) AS cert_left,
      ${itemsDone} AS items_done, ${itemsTotal} AS items_total,
      (SELECT count(*)::int FROM checklist_ticks t WHERE t.integration_id = i.id AND t.campaign_id = ${$.campaign}
          AND t.done AND t.at >= ${$.start} AND t.at < ${$.end}) AS items_ticked,
      (i.created_at >= ${$.start}) AS added,
      (i.status::text = 'retired' AND EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'integration' AND a.entity_id = i.id::text
          AND a.at >= ${$.start} AND a.at < ${$.end} AND a.after->>'status' = 'retired')) AS retired_today
    FROM ${source}`;
}

/** Integrations deleted during the day: gone from the tables, counted as scope that went. */
function deletedTodaySql($: Record<"start" | "end", string>): string {
  return `SELECT coalesce(a.before->>'category', '') AS category, coalesce(a.before->>'ownerId', '${NO_OWNER}') AS owner, true AS gone,
      NULL::text AS verdict, NULL::text AS basis, false AS in_scope, false AS tls10, false AS tls11, false AS tls12, false AS tls13,
      NULL::interval AS cert_left, 0 AS items_done, 0 AS items_total, 0 AS items_ticked, false AS added, true AS retired_today
    FROM audit_log a WHERE a.entity_type = 'integration' AND a.action = 'integration.delete' AND a.at >= ${$.start} AND a.at < ${$.end}`;
}

/** Sums the facts into one row per slice: everything, each category, each owner, each pair. */
function aggregateSql(facts: string): string {
  const live = "NOT f.gone";
  const inScope = "f.in_scope";
  const verdicts = VERDICTS.map((v) => `'${v}', count(*) FILTER (WHERE ${live} AND f.verdict = '${v}')`).join(", ");
  const bases = READY_BASES.map((b) => `'${b}', count(*) FILTER (WHERE ${live} AND f.basis = '${b}')`).join(", ");
  const within = (days: number) => `count(*) FILTER (WHERE ${inScope} AND f.cert_left < interval '${days} days')::int`;
  return `SELECT coalesce(f.category, '${ALL}') AS category, coalesce(f.owner, '${ALL}') AS owner,
      count(*) FILTER (WHERE ${inScope})::int AS total,
      jsonb_build_object(${verdicts}) AS verdicts, jsonb_build_object(${bases}) AS bases,
      count(*) FILTER (WHERE ${inScope} AND f.tls10)::int AS tls10, count(*) FILTER (WHERE ${inScope} AND f.tls11)::int AS tls11,
      count(*) FILTER (WHERE ${inScope} AND f.tls12)::int AS tls12, count(*) FILTER (WHERE ${inScope} AND f.tls13)::int AS tls13,
      ${within(30)} AS cert30, ${within(60)} AS cert60, ${within(90)} AS cert90,
      coalesce(sum(f.items_done) FILTER (WHERE ${inScope}), 0)::int AS items_done,
      coalesce(sum(f.items_total) FILTER (WHERE ${inScope}), 0)::int AS items_total,
      coalesce(sum(f.items_ticked), 0)::int AS items_ticked,
      count(*) FILTER (WHERE ${live} AND f.added)::int AS added,
      count(*) FILTER (WHERE f.retired_today)::int AS retired
    FROM (${facts}) f
    GROUP BY GROUPING SETS ((), (f.category), (f.owner), (f.category, f.owner))`;
}

function windowParams(w: DayWindow, params: SqlParams) {
  return { start: `${params.add(w.start)}::timestamptz`, end: `${params.add(w.end)}::timestamptz`, campaign: `${params.add(w.campaignId)}::uuid` };
}

/**
 * How many items are on the integration's checklist of the campaign, and how many are done: those
 * whose template is not retired and is for the integration's category (CURRENT_ITEM's rule).
 */
function itemsSql(where: string, $: Record<"campaign", string>): string {
  return `(SELECT count(*)::int FROM checklist_items ci JOIN checklist_templates t ON t.id = ci.template_id
      WHERE ci.integration_id = i.id AND ci.campaign_id = ${$.campaign} AND ${CURRENT_ITEM.replace("ii.category", "i.category")}${where})`;
}

/** The day's rows from the live tables: what a snapshot taken at the end of the day records. */
export function liveSnapshotSql(w: DayWindow): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const $ = windowParams(w, params);
  const facts = factsSql("integrations i LEFT JOIN probes p ON p.id = i.latest_probe_id", itemsSql(" AND ci.done", $), itemsSql("", $), w, params, $);
  return { text: aggregateSql(`${facts} UNION ALL ${deletedTodaySql($)}`), values: params.values };
}

/**
 * A field of integration `e.id` as it stood at the end of the day: the newest audit entry at or
 * before then that set it; else the value an entry after then changed it from; else the row as
 * it is now. JSON null (an owner removed) is a value, so the lookups return jsonb.
 */
function asOf(key: string, current: string, $: Record<"end", string>): string {
  const entries = `FROM audit_log a WHERE a.entity_type = 'integration' AND a.entity_id = e.id::text`;
  return `coalesce(
      (SELECT a.after->'${key}' ${entries} AND a.at < ${$.end} AND a.after ? '${key}' ORDER BY a.at DESC, a.id DESC LIMIT 1),
      (SELECT a.before->'${key}' ${entries} AND a.at >= ${$.end} AND a.before ? '${key}' ORDER BY a.at, a.id LIMIT 1),
      to_jsonb(${current})) #>> '{}'`;
}

/**
 * The checklist tables as they stood at the end of the day, as CTEs that shadow the real tables
 * for the whole query: an item existed if made before then and was done if its newest tick by then
 * says so (an item with no ticks at all keeps its own done_at); a template was retired if retired
 * by then. Whatever reads checklists (the verdict SQL's checklist basis included) reads the past.
 */
function checklistsAsOf($: Record<"end", string>): string {
  const newestTick = `(SELECT t.done FROM public.checklist_ticks t WHERE t.item_id = ci.id AND t.at < ${$.end} ORDER BY t.at DESC, t.id DESC LIMIT 1)`;
  const anyTick = `EXISTS (SELECT 1 FROM public.checklist_ticks t WHERE t.item_id = ci.id)`;
  const done = `(CASE WHEN ${anyTick} THEN coalesce(${newestTick}, false) ELSE ci.done AND ci.done_at < ${$.end} END)`;
  return `checklist_items AS NOT MATERIALIZED (
      SELECT ci.id, ci.template_id, ci.campaign_id, ci.integration_id, ${done} AS done,
             (CASE WHEN ${done} THEN ci.done_at END) AS done_at, ci.done_by_id, ci.done_by_probe_id, ci.note, ci.evidence_url,
             ci.version, ci.created_at, ci.updated_at
        FROM public.checklist_items ci WHERE ci.created_at < ${$.end}),
    checklist_templates AS NOT MATERIALIZED (
      SELECT t.id, t.campaign_id, t.category, t.title, t.guidance, t.required, t.verification, t.evidence, t.automatic, t.position,
             (CASE WHEN t.retired_at < ${$.end} THEN t.retired_at END) AS retired_at, t.version, t.created_at, t.updated_at
        FROM public.checklist_templates t WHERE t.created_at < ${$.end})`;
}

/**
 * The day's rows reconstructed from history: each integration that existed at the day's end
 * (created before it, not deleted by then; deleted ones come back from the audit log), its fields
 * as of then, the newest finished probe of that endpoint at or before then, and its checklists as
 * of then. The declaration's floor is not in the audit log: a standing declaration is taken as
 * made for the campaign's floor.
 */
export function reconstructedSnapshotSql(w: DayWindow): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const $ = windowParams(w, params);
  const floor = `${params.add(w.floor)}::"TlsVersion"`;
  const createdOf = (id: string) =>
    `(SELECT min(c.at) FROM audit_log c WHERE c.entity_type = 'integration' AND c.entity_id = ${id} AND c.action = 'integration.create')`;
  const entities = `SELECT cur.id, cur.created_at FROM integrations cur WHERE cur.created_at < ${$.end}
    UNION ALL
    SELECT d.entity_id::uuid, coalesce(${createdOf("d.entity_id")}, '-infinity') FROM audit_log d
     WHERE d.entity_type = 'integration' AND d.action = 'integration.delete' AND d.at >= ${$.end}
       AND coalesce(${createdOf("d.entity_id")}, '-infinity') < ${$.end}`;
  const state = `SELECT e.id, e.created_at,
      (${asOf("category", "cur.category", $)})::"IntegrationCategory" AS category,
      (${asOf("ownerId", "cur.owner_id", $)})::uuid AS owner_id,
      (${asOf("status", "cur.status", $)})::"IntegrationStatus" AS status,
      ${asOf("endpointHost", "cur.endpoint_host", $)} AS endpoint_host,
      (${asOf("endpointPort", "cur.endpoint_port", $)})::int AS endpoint_port,
      coalesce((${asOf("overrideReady", "cur.override_ready", $)})::boolean, false) AS override_ready,
      coalesce(CASE WHEN cur.override_ready THEN cur.override_floor END, ${floor}) AS override_floor,
      (CASE WHEN cur.override_ready THEN cur.override_at END) AS override_at,
      -- Only the newest TLS 1.0 sign-in is kept (integrations.legacy_login_at): a reconstructed day
      -- before it cannot see earlier ones, so it may count as ready by checklist an integration
      -- that Login History contradicted on that day. Live snapshots are exact.
      (CASE WHEN cur.legacy_login_at < ${$.end} THEN cur.legacy_login_at END) AS legacy_login_at,
      -- Likewise the last sign-in below the floor: only its current value is kept.
      (CASE WHEN cur.below_floor_login_at < ${$.end} THEN cur.below_floor_login_at END) AS below_floor_login_at
    FROM (${entities}) e LEFT JOIN integrations cur ON cur.id = e.id`;
  const probe = `LEFT JOIN LATERAL (SELECT pr.* FROM probes pr
      WHERE pr.integration_id = i.id AND pr.status = 'done' AND pr.finished_at < ${$.end}
        AND pr.host = i.endpoint_host AND pr.port = i.endpoint_port
      ORDER BY pr.queued_at DESC, pr.id DESC LIMIT 1) p ON true`;
  const facts = factsSql(`(${state}) i ${probe}`, itemsSql(" AND ci.done", $), itemsSql("", $), w, params, $);
  return { text: `WITH ${checklistsAsOf($)} ${aggregateSql(`${facts} UNION ALL ${deletedTodaySql($)}`)}`, values: params.values };
}
