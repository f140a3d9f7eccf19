// The readiness rule of lib/readiness/verdict.ts rendered in SQL, so the inventory, the counts and
// the probe runs can filter, sort and count in the database. tests/integration/verdict-sql.test.ts
// keeps every expression here in step with its TypeScript twin.
import type { TlsVersionName } from "@/lib/tls-probe/versions";
import type { SqlParams } from "@/lib/sql";
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

/**
 * readinessOf() as two expressions over `i` and its latest probe `p` (LATEST_PROBE_JOIN): the
 * verdict, and the basis of a ready one (NULL otherwise).
 */
export function readinessSql(floor: TlsVersionName, params: SqlParams): { verdict: string; basis: string } {
  const f = floorSql(floor, params);
  const finding = probeFindingSql(f);
  const declared = `(i.override_ready AND i.override_floor >= ${f} AND ${finding} IS DISTINCT FROM 'below_floor')`;
  const basis = `(CASE WHEN i.status = 'retired' THEN NULL
    WHEN ${finding} = 'meets_floor' THEN 'proven'
    WHEN ${declared} THEN 'declared' END)`;
  const verdict = `(CASE
    WHEN i.status = 'retired' THEN 'retired'
    WHEN ${basis} IS NOT NULL THEN 'ready'
    WHEN ${finding} = 'certificate' THEN 'certificate'
    WHEN i.status = 'blocked' THEN 'blocked'
    WHEN ${finding} = 'unreachable' THEN 'unreachable'
    WHEN ${finding} = 'below_floor' THEN 'not_ready'
    WHEN i.endpoint_host IS NOT NULL THEN 'not_probed'
    ELSE 'unverified' END)`;
  return { verdict, basis };
}

/** The verdict alone (filters, sorting, counts). */
export function verdictSql(floor: TlsVersionName, params: SqlParams): string {
  return readinessSql(floor, params).verdict;
}

/** Sort rank: what needs attention first. */
export function verdictRankSql(verdict: string): string {
  return `array_position(ARRAY[${VERDICTS.map((v) => `'${v}'`).join(",")}]::text[], ${verdict})`;
}
