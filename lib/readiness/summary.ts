import "server-only";
import { readRows } from "@/lib/db";
import { SqlParams } from "@/lib/sql";
import { currentJudgement } from "./judgement";
import { LATEST_PROBE_JOIN, verdictSql } from "./verdict-sql";
import { canAny, type Actor } from "@/lib/auth/permissions";

/**
 * How many integrations are not yet proven ready (every verdict but ready and retired) (null when the inventory is empty, so the header
 * does not boast "0 not ready" before anything was listed). Retired integrations do not count.
 */
export async function countNotReady(actor: Actor): Promise<number | null> {
  if (!canAny(actor, "integrations.read")) return null;
  const { floor } = await currentJudgement(actor);
  const p = new SqlParams();
  const verdict = verdictSql(floor, p);
  const [row] = await readRows<{ total: number; notReady: number }>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE ${verdict} NOT IN ('ready', 'retired')))::int AS "notReady"
       FROM integrations i ${LATEST_PROBE_JOIN}`,
    p.values,
  );
  return row.total === 0 ? null : row.notReady;
}
