import "server-only";
import { readRows } from "@/lib/db";
import { canAny, type Actor } from "@/lib/auth/permissions";

/**
 * How many integrations are not yet proven ready (null when the inventory is empty, so the header
 * does not boast "0 not ready" before anything was listed). Retired integrations do not count.
 */
export async function countNotReady(actor: Actor): Promise<number | null> {
  if (!canAny(actor, "integrations.read")) return null;
  const [row] = await readRows<{ total: number; notReady: number }>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE status <> 'retired'))::int AS "notReady" FROM integrations`,
  );
  return row.total === 0 ? null : row.notReady;
}
