// The readiness rule of lib/readiness/verdict.ts rendered in SQL, so the inventory, the counts and
// the probe runs can filter, sort and count in the database. tests/integration/verdict-sql.test.ts
// keeps every expression here in step with its TypeScript twin.
import type { TlsVersionName } from "@/lib/tls-probe/versions";
import type { SqlParams } from "@/lib/sql";
import { ACTIVE_ID_SQL } from "@/lib/campaigns/active-sql";
import { VERDICTS } from "./verdict";

/** The latest probe of the current endpoint, as `p`, beside integrations `i`. */
export const LATEST_PROBE_JOIN = "LEFT JOIN probes p ON p.id = i.latest_probe_id";

/** The floor as a bound parameter of the TlsVersion enum, for the expressions below. */
export function floorSql(floor: TlsVersionName, params: SqlParams): string {
  return `${params.add(floor)}::"TlsVersion"`;
}

/** probeFinding() of the finished probe `probe` (an alias of probes); NULL when there is none. */
export function probeFindingSql(floor: string, probe = "p"): string {
  return `(CASE WHEN ${probe}.id IS NULL THEN NULL
    WHEN ${probe}.handshake_version >= ${floor} THEN (CASE WHEN ${probe}.cert_problem IS NULL THEN 'meets_floor' ELSE 'certificate' END)
    WHEN ${probe}.error_kind IS NOT NULL THEN 'unreachable'
    ELSE 'below_floor' END)`;
}

/** Whether a done item `ck` of template `t` carries the evidence its template asks for. */
export const WITH_EVIDENCE_SQL = `(t.evidence = 'none' OR (t.evidence = 'note' AND ck.note IS NOT NULL) OR (t.evidence = 'link' AND ck.evidence_url IS NOT NULL))`;

// The current items `ck` (templates `t`) of the integration `i` in the active campaign.
const ITEMS_OF_I = `FROM checklist_items ck JOIN checklist_templates t ON t.id = ck.template_id
    WHERE ck.integration_id = i.id AND ck.campaign_id = ${ACTIVE_ID_SQL} AND t.retired_at IS NULL AND t.category = i.category`;

/** ChecklistFacts of `i` as a JSON object (lastDoneAt as text), for readinessOf(). */
export function checklistFactsSql(): string {
  return `(SELECT json_build_object('required', count(*) FILTER (WHERE t.required),
      'requiredDone', count(*) FILTER (WHERE t.required AND ck.done),
      'verification', count(*) FILTER (WHERE t.required AND t.verification),
      'verifiedWithEvidence', count(*) FILTER (WHERE t.required AND t.verification AND ck.done AND ${WITH_EVIDENCE_SQL}),
      'lastDoneAt', max(ck.done_at) FILTER (WHERE t.required))
    ${ITEMS_OF_I})`;
}

// checklistCompletedAt() as an aggregate over a checklist's items `ck` and templates `t`.
const COMPLETED_AT = `CASE WHEN count(*) FILTER (WHERE t.required) > 0
        AND count(*) FILTER (WHERE t.required AND NOT ck.done) = 0
        AND count(*) FILTER (WHERE t.required AND t.verification) > 0
        AND count(*) FILTER (WHERE t.required AND t.verification AND NOT (ck.done AND ${WITH_EVIDENCE_SQL})) = 0
      THEN max(ck.done_at) FILTER (WHERE t.required) END`;

/**
 * checklistCompletedAt() of the current items of `i` in the active campaign: when the checklist
 * was completed, NULL while it is not (or it has no items). A correlated subquery: for a page of
 * rows; counts over the whole inventory join CHECKLIST_JOIN and pass `cl.completed_at` instead.
 */
export function checklistCompletedSql(): string {
  return `(SELECT ${COMPLETED_AT} ${ITEMS_OF_I})`;
}

/**
 * Every integration's current checklist in the active campaign, aggregated in one pass, as `cl`
 * beside integrations `i`: `completed_at` (what checklistCompletedSql gives one row), `done` and
 * `total`. NULL columns for an integration without items. For the board's and the header's counts.
 */
export const CHECKLIST_JOIN = `LEFT JOIN (
    SELECT ck.integration_id, t.category, ${COMPLETED_AT} AS completed_at,
           count(*) FILTER (WHERE ck.done) AS done, count(*) AS total
      FROM checklist_items ck JOIN checklist_templates t ON t.id = ck.template_id
     WHERE ck.campaign_id = ${ACTIVE_ID_SQL} AND ck.integration_id IS NOT NULL AND t.retired_at IS NULL
     GROUP BY ck.integration_id, t.category) cl ON cl.integration_id = i.id AND cl.category = i.category`;

/**
 * Whether `i`'s checklist is what proves it (no endpoint, no probe `p`, the checklist complete):
 * where the "checklist" basis applies, unless Login History contradicts it. `completed` as in
 * readinessSql.
 */
export function checklistCountsSql(completed = checklistCompletedSql()): string {
  return `(i.endpoint_host IS NULL AND p.id IS NULL AND ${completed} IS NOT NULL)`;
}

/**
 * readinessOf() as two expressions over `i` and its latest probe `p` (LATEST_PROBE_JOIN): the
 * verdict, and the basis of a ready one (NULL otherwise). `completed` is when the checklist was
 * completed: the correlated subquery by default, `cl.completed_at` beside CHECKLIST_JOIN.
 */
export function readinessSql(floor: TlsVersionName, params: SqlParams, completed = checklistCompletedSql()): { verdict: string; basis: string } {
  const f = floorSql(floor, params);
  const finding = probeFindingSql(f);
  // Contradicted by a probe below the floor, or by Login History below it after the declaration.
  const declared = `(i.override_ready AND i.override_floor >= ${f} AND ${finding} IS DISTINCT FROM 'below_floor'
    AND NOT coalesce(i.below_floor_login_at > i.override_at, false))`;
  // The checklist counts only where no probe can be (no endpoint, no probe); evaluated only there.
  const checklistCounts = checklistCountsSql(completed);
  const basis = `(CASE WHEN i.status = 'retired' THEN NULL
    WHEN ${finding} = 'meets_floor' THEN 'proven'
    WHEN ${declared} THEN 'declared'
    WHEN ${checklistCounts} AND (i.legacy_login_at IS NULL OR i.legacy_login_at <= ${completed}) THEN 'checklist' END)`;
  const verdict = `(CASE
    WHEN i.status = 'retired' THEN 'retired'
    WHEN ${basis} IS NOT NULL THEN 'ready'
    WHEN ${finding} = 'certificate' THEN 'certificate'
    WHEN i.status = 'blocked' THEN 'blocked'
    WHEN ${finding} = 'unreachable' THEN 'unreachable'
    WHEN ${finding} = 'below_floor' THEN 'not_ready'
    WHEN i.endpoint_host IS NOT NULL THEN 'not_probed'
    -- Complete yet not ready: a TLS 1.0 sign-in after completion contradicts it (the cheap test first).
    WHEN i.legacy_login_at IS NOT NULL AND ${checklistCounts} THEN 'not_ready'
    -- Login History shows it still below the floor (lib/login-history/evidence.ts).
    WHEN i.below_floor_login_at IS NOT NULL THEN 'not_ready'
    ELSE 'unverified' END)`;
  return { verdict, basis };
}

/** The verdict alone (filters, sorting, counts). */
export function verdictSql(floor: TlsVersionName, params: SqlParams, completed?: string): string {
  return readinessSql(floor, params, completed).verdict;
}

/** A verdict filter (VERDICT_FILTERS: "ready" matches every basis, "ready-checklist" one). */
export function verdictFilterSql(floor: TlsVersionName, params: SqlParams, filters: readonly string[], completed?: string): string {
  const { verdict, basis } = readinessSql(floor, params, completed);
  // The basis only when a basis is asked for: each rendering of it may read the checklist again.
  if (!filters.some((f) => f.startsWith("ready-"))) return `${verdict} = ANY(${params.add(filters)}::text[])`;
  return `ARRAY[${verdict}, 'ready-' || ${basis}] && ${params.add(filters)}::text[]`;
}

/** Sort rank: what needs attention first. */
export function verdictRankSql(verdict: string): string {
  return `array_position(ARRAY[${VERDICTS.map((v) => `'${v}'`).join(",")}]::text[], ${verdict})`;
}
