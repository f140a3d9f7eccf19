// The verdict rule of lib/readiness/verdict.ts as a SQL expression, so the inventory can filter,
// sort and count by verdict in the database. Needs `i` (integrations) and `p` (its latest probe,
// LEFT JOINed on i.latest_probe_id). tests/integration/verdict-sql.test.ts keeps both in step.
import type { TlsVersionName } from "@/lib/tls-probe/versions";
import type { SqlParams } from "@/lib/sql";
import { VERDICTS } from "./verdict";

export const LATEST_PROBE_JOIN = "LEFT JOIN probes p ON p.id = i.latest_probe_id";

export function verdictSql(floor: TlsVersionName, params: SqlParams): string {
  const f = `${params.add(floor)}::"TlsVersion"`;
  // "Proven below": a probe that completed and shows nothing at the floor (it defeats a declaration).
  const provenBelow = `(p.id IS NOT NULL AND p.error_kind IS NULL AND (p.handshake_version IS NULL OR p.handshake_version < ${f}))`;
  return `(CASE
    WHEN i.status = 'retired' THEN 'retired'
    WHEN p.handshake_version >= ${f} AND p.cert_problem IS NULL THEN 'ready'
    WHEN i.override_ready AND i.override_floor >= ${f} AND NOT ${provenBelow} THEN 'ready'
    WHEN p.handshake_version >= ${f} THEN 'certificate'
    WHEN i.status = 'blocked' THEN 'blocked'
    WHEN p.error_kind IS NOT NULL THEN 'unreachable'
    WHEN p.id IS NOT NULL THEN 'not_ready'
    WHEN i.endpoint_host IS NOT NULL THEN 'not_probed'
    ELSE 'unverified' END)`;
}

/** Sort rank: what needs attention first. */
export function verdictRankSql(verdict: string): string {
  return `array_position(ARRAY[${VERDICTS.map((v) => `'${v}'`).join(",")}]::text[], ${verdict})`;
}

