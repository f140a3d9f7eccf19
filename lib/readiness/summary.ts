import "server-only";
import { cache } from "react";
import { readRows } from "@/lib/db";
import { untilChange } from "@/lib/live/until-change";
import { SqlParams } from "@/lib/sql";
import { readinessContext } from "./context";
import { CHECKLIST_JOIN, LATEST_PROBE_JOIN, verdictSql } from "./verdict-sql";
import { assertCan, canAny, type Actor } from "@/lib/auth/permissions";
import { CATEGORIES, IN_PLAY_STATUSES, type Category } from "@/lib/integrations/categories";
import { VERDICTS, type Verdict } from "./verdict";

export interface ReadinessSummary {
  total: number;
  /** Integrations the cutoff can still break (IN_PLAY_STATUSES). */
  inPlay: number;
  byVerdict: Record<Verdict, number>;
  byCategory: { category: Category; counts: Record<Verdict, number> }[];
}

/**
 * How many integrations have each verdict, overall and per category, against the active floor.
 * One scan of the inventory per request (React cache()): the header's count and the overview
 * both read it.
 */
export const readinessSummary = cache(async (actor: Actor): Promise<ReadinessSummary> => {
  assertCan(actor, "integrations.read");
  const { floor } = await readinessContext(actor);
  const p = new SqlParams();
  type Row = { category: Category; verdict: Verdict; inPlay: boolean; n: number };
  // Kept until the database reports a change (lib/live/until-change.ts): every page's header asks.
  const rows = await untilChange.get(`readiness-summary:${floor}`, () => readRows<Row>(
    // Every integration at once: its checklist aggregated in one pass (CHECKLIST_JOIN), not per row.
    `SELECT i.category::text AS category, ${verdictSql(floor, p, "cl.completed_at")} AS verdict,
            i.status = ANY(${p.add(IN_PLAY_STATUSES)}::"IntegrationStatus"[]) AS "inPlay", count(*)::int AS n
       FROM integrations i ${LATEST_PROBE_JOIN} ${CHECKLIST_JOIN} GROUP BY 1, 2, 3`,
    p.values,
  ));
  const zero = () => Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const byVerdict = zero();
  const byCategory = CATEGORIES.map((category) => ({ category, counts: zero() }));
  for (const r of rows) {
    byVerdict[r.verdict] += r.n;
    byCategory.find((c) => c.category === r.category)!.counts[r.verdict] += r.n;
  }
  const sum = (rs: typeof rows) => rs.reduce((a, r) => a + r.n, 0);
  return { total: sum(rows), inPlay: sum(rows.filter((r) => r.inPlay)), byVerdict, byCategory };
});

/**
 * How many integrations in play are not ready; null when the inventory is empty, so the header
 * does not boast "0 not ready" before anything was listed.
 */
export async function countNotReady(actor: Actor): Promise<{ notReady: number; inPlay: number } | null> {
  if (!canAny(actor, "integrations.read")) return null;
  const { total, inPlay, byVerdict } = await readinessSummary(actor);
  if (total === 0) return null;
  return { notReady: inPlay - byVerdict.ready, inPlay };
}
