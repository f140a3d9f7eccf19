import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { STATUSES, type Status } from "./categories";

export interface InventorySummary {
  total: number;
  withEndpoint: number;
  mine: number;
  byStatus: Record<Status, number>;
}

export async function inventorySummary(actor: Actor): Promise<InventorySummary> {
  assertCan(actor, "integrations.read");
  const [groups, withEndpoint, mine] = await Promise.all([
    db.integration.groupBy({ by: ["status"], _count: { _all: true } }),
    db.integration.count({ where: { endpointHost: { not: null } } }),
    db.integration.count({ where: { ownerId: actor.id } }),
  ]);
  const zero = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const byStatus = zero();
  for (const g of groups) {
    byStatus[g.status] += g._count._all;
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { total, withEndpoint, mine, byStatus };
}
