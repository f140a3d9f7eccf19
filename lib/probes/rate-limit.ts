import "server-only";
import type { Tx } from "@/lib/db";
import { realNow } from "@/lib/clock";
import type { Actor, Role } from "@/lib/auth/permissions";
import { isSystem } from "@/lib/auth/system-actor";
import { TooManyRequestsError, ValidationError } from "@/lib/errors";
import { formatWait } from "@/lib/format";

// A member can point their integrations at any public host and port, so each probe is a
// connection our servers open to someone else's. Members get a budget of probed endpoints per
// sliding window; admins, who own the inventory and re-probe all of it, and the scheduled re-probe
// are not limited. Counted in the database (probe_requests), under a per-user advisory lock, so
// every web process shares one count and two parallel requests cannot both spend the last probes.

/** Endpoints a role may have probed per window; absent: unlimited. Pinned in tests/integration/probe-rate-limit.test.ts. */
export const PROBE_LIMITS: Partial<Record<Role, number>> = { MEMBER: 100 };
export const PROBE_WINDOW_MS = 15 * 60 * 1000;

/** The limit that applies to the actor, or null when none does. */
export function probeLimitOf(actor: Pick<Actor, "id" | "role" | "email">): number | null {
  if (isSystem(actor)) return null;
  return PROBE_LIMITS[actor.role] ?? null;
}

/**
 * Spends `count` probes of the actor's budget inside the caller's transaction (so a request that
 * fails later spends nothing), or refuses: 429 with when to retry, or 422 when the selection alone
 * is larger than the whole budget (waiting would never help).
 */
export async function spendProbeBudget(tx: Tx, actor: Pick<Actor, "id" | "role" | "email">, count: number): Promise<void> {
  const limit = probeLimitOf(actor);
  if (limit === null) return;
  const role = actor.role.toLowerCase();
  if (count > limit) {
    throw new ValidationError(`A ${role} may have at most ${limit} endpoints probed in 15 minutes, and this selection has ${count}: select fewer, or ask an admin to probe them.`);
  }
  const at = realNow();
  const since = new Date(at.getTime() - PROBE_WINDOW_MS);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`probe-budget:${actor.id}`}, 0))`;
  await tx.probeRequest.deleteMany({ where: { userId: actor.id, at: { lte: since } } });
  const spent = await tx.probeRequest.findMany({ where: { userId: actor.id }, select: { at: true, probes: true }, orderBy: { at: "asc" } });
  const used = spent.reduce((sum, r) => sum + r.probes, 0);
  if (used + count > limit) {
    // The moment enough of the oldest requests leave the window for this one to fit.
    let freed = 0;
    let until = at.getTime() + PROBE_WINDOW_MS;
    for (const r of spent) {
      freed += r.probes;
      if (used - freed + count <= limit) {
        until = r.at.getTime() + PROBE_WINDOW_MS;
        break;
      }
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((until - at.getTime()) / 1000));
    const left = Math.max(0, limit - used);
    throw new TooManyRequestsError(
      `Too many probes: a ${role} may have ${limit} endpoints probed in 15 minutes, and you have ${left} left. Try again in ${formatWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    );
  }
  await tx.probeRequest.create({ data: { userId: actor.id, at, probes: count } });
}
