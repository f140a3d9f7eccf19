import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { CATEGORIES, STATUSES, type Category, type Status } from "./categories";

export interface InventorySummary {
  total: number;
  withEndpoint: number;
  mine: number;
  byStatus: Record<Status, number>;
  /** Per category, how many in each status. */
  byCategory: { category: Category; counts: Record<Status, number>; total: number }[];
}

export async function inventorySummary(actor: Actor): Promise<InventorySummary> {
  assertCan(actor, "integrations.read");
  const [groups, withEndpoint, mine] = await Promise.all([
    db.integration.groupBy({ by: ["category", "status"], _count: { _all: true } }),
    db.integration.count({ where: { endpointHost: { not: null } } }),
    db.integration.count({ where: { ownerId: actor.id } }),
  ]);
  const zero = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const byStatus = zero();
  const byCategory = CATEGORIES.map((category) => ({ category, counts: zero(), total: 0 }));
  for (const g of groups) {
    byStatus[g.status] += g._count._all;
    const c = byCategory.find((x) => x.category === g.category)!;
    c.counts[g.status] += g._count._all;
    c.total += g._count._all;
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { total, withEndpoint, mine, byStatus, byCategory };
}
