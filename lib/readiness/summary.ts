import "server-only";
import { db } from "@/lib/db";
import { canAny, type Actor } from "@/lib/auth/permissions";

/**
 * How many integrations are not yet proven ready (null when the inventory is empty, so the header
 * does not boast "0 not ready" before anything was listed). Retired integrations do not count.
 */
export async function countNotReady(actor: Actor): Promise<number | null> {
  if (!canAny(actor, "integrations.read")) return null;
  const total = await db.integration.count();
  if (total === 0) return null;
  return db.integration.count({ where: { status: { not: "retired" } } });
}
