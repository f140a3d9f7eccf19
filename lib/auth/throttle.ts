import "server-only";
import { db, type Tx } from "@/lib/db";
import { realNow } from "@/lib/clock";

// Failed sign-ins are counted per account and per client address over a sliding window: after a
// few they are slowed down, after more they are refused until the window moves on. Counted in
// Postgres so every web process on every machine sees the same numbers.
export const THROTTLE = {
  windowMs: 15 * 60_000,
  slowAfter: 3,
  maxDelayMs: 4_000,
  lockAfterPerAccount: 8,
  lockAfterPerAddress: 30,
} as const;

export type ThrottleDecision = { refused: false; delayMs: number } | { refused: true; retryAfterSeconds: number };

function keys(email: string, ip: string | null): { key: string; limit: number }[] {
  const list: { key: string; limit: number }[] = [{ key: `email:${email.toLowerCase()}`, limit: THROTTLE.lockAfterPerAccount }];
  if (ip) list.push({ key: `ip:${ip}`, limit: THROTTLE.lockAfterPerAddress });
  return list;
}

export async function checkThrottle(email: string, ip: string | null, client: Tx | typeof db = db): Promise<ThrottleDecision> {
  const now = realNow().getTime();
  const since = new Date(now - THROTTLE.windowMs);
  let worstFailures = 0;
  for (const { key, limit } of keys(email, ip)) {
    const recent = await client.signInFailure.findMany({
      where: { key, at: { gt: since } },
      orderBy: { at: "desc" },
      take: limit,
      select: { at: true },
    });
    if (recent.length >= limit) {
      // Refused until the oldest of the last `limit` failures leaves the window.
      const oldest = recent[recent.length - 1].at.getTime();
      return { refused: true, retryAfterSeconds: Math.max(1, Math.ceil((oldest + THROTTLE.windowMs - now) / 1000)) };
    }
    if (key.startsWith("email:")) worstFailures = recent.length;
  }
  const over = worstFailures - THROTTLE.slowAfter + 1;
  const delayMs = over > 0 ? Math.min(THROTTLE.maxDelayMs, 250 * 2 ** (over - 1)) : 0;
  return { refused: false, delayMs };
}

export async function recordFailure(email: string, ip: string | null, client: Tx | typeof db = db): Promise<void> {
  const at = realNow();
  await client.signInFailure.createMany({ data: keys(email, ip).map(({ key }) => ({ key, at })) });
  // Keep the table small: anything older than the window no longer counts.
  await client.signInFailure.deleteMany({ where: { at: { lt: new Date(at.getTime() - THROTTLE.windowMs) } } });
}

/** A successful sign-in clears the account's count, not the address's. */
export async function clearFailures(email: string, client: Tx | typeof db = db): Promise<void> {
  await client.signInFailure.deleteMany({ where: { key: `email:${email.toLowerCase()}` } });
}

/**
 * Runs one attempt for an account with its attempts serialised (a transaction-scoped advisory
 * lock on the account), so a burst of parallel guesses cannot all pass the check before any
 * failure is recorded.
 */
export function withAccountLock<T>(email: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:${email.toLowerCase()}`}))`;
      return fn(tx);
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
}
