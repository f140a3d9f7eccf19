import "server-only";
import { cache } from "react";
import { readRows } from "@/lib/db";
import { SqlParams } from "@/lib/sql";
import { readinessContext } from "./context";
import { LATEST_PROBE_JOIN, verdictSql } from "./verdict-sql";
import { assertCan, canAny, type Actor } from "@/lib/auth/permissions";
import { CATEGORIES, type Category } from "@/lib/integrations/categories";
import { VERDICTS, type Verdict } from "./verdict";

export interface ReadinessSummary {
  total: number;
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
  const rows = await readRows<{ category: Category; verdict: Verdict; n: number }>(
    `SELECT i.category::text AS category, ${verdictSql(floor, p)} AS verdict, count(*)::int AS n
       FROM integrations i ${LATEST_PROBE_JOIN} GROUP BY 1, 2`,
    p.values,
  );
  const zero = () => Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const byVerdict = zero();
  const byCategory = CATEGORIES.map((category) => ({ category, counts: zero() }));
  for (const r of rows) {
    byVerdict[r.verdict] += r.n;
    byCategory.find((c) => c.category === r.category)!.counts[r.verdict] += r.n;
  }
  return { total: rows.reduce((a, r) => a + r.n, 0), byVerdict, byCategory };
});

/**
 * How many integrations are not ready (every verdict but ready and retired), of those in play (all
 * but retired); null when the inventory is empty, so the header does not boast "0 not ready"
 * before anything was listed.
 */
export async function countNotReady(actor: Actor): Promise<{ notReady: number; inPlay: number } | null> {
  if (!canAny(actor, "integrations.read")) return null;
  const { total, byVerdict } = await readinessSummary(actor);
  if (total === 0) return null;
  const inPlay = total - byVerdict.retired;
  return { notReady: inPlay - byVerdict.ready, inPlay };
}
