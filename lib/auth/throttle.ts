import "server-only";
import { db, type Tx } from "@/lib/db";
import { realNow } from "@/lib/clock";
import { addressBucket } from "./client-address";
import { ConcurrencyGate, KeyedQueue, SignInBusyError } from "./sign-in-gate";

// Failed password checks, counted over a sliding window in Postgres so every web process on every
// machine sees the same numbers:
// - per account and address together: refused after a few (whoever guesses from one place stops);
// - per address across accounts: refused after more (one place trying many accounts);
// - per account from anywhere: only slowed down, never refused, so nobody can lock someone else
//   (an admin, say) out by failing on purpose from elsewhere.
// IPv6 addresses count per /64: one machine usually holds a whole /64 and could rotate through it.
export const THROTTLE = {
  windowMs: 15 * 60_000,
  /** Failures of an account (from anywhere) after which each attempt on it waits. */
  slowAfter: 3,
  maxDelayMs: 4_000,
  lockAfterPerAccountAndAddress: 8,
  lockAfterPerAddress: 30,
  /** Password checks (argon2) running at once in one process; the rest wait in memory. */
  concurrentPerProcess: 4,
  /** How long an attempt waits for its turn before it is answered "busy, try again". */
  maxWaitMs: 10_000,
} as const;

export type ThrottleDecision = { refused: false; delayMs: number } | { refused: true; retryAfterSeconds: number };

interface Keys {
  account: string;
  accountAndAddress: string;
  address: string | null;
}

function keysFor(email: string, ip: string | null): Keys {
  const account = email.toLowerCase();
  const bucket = addressBucket(ip);
  // Without an address (only under `next dev`) every attempt shares one "unknown address".
  return { account: `email:${account}`, accountAndAddress: `email+ip:${account} ${bucket ?? "unknown"}`, address: bucket ? `ip:${bucket}` : null };
}

async function recent(client: Tx | typeof db, key: string, limit: number): Promise<Date[]> {
  const since = new Date(realNow().getTime() - THROTTLE.windowMs);
  const rows = await client.signInFailure.findMany({ where: { key, at: { gt: since } }, orderBy: { at: "desc" }, take: limit, select: { at: true } });
  return rows.map((r) => r.at);
}

function refusal(failures: Date[], limit: number): ThrottleDecision | null {
  if (failures.length < limit) return null;
  // Refused until the oldest of the last `limit` failures leaves the window.
  const oldest = failures[failures.length - 1].getTime();
  return { refused: true, retryAfterSeconds: Math.max(1, Math.ceil((oldest + THROTTLE.windowMs - realNow().getTime()) / 1000)) };
}

async function decide(client: Tx | typeof db, keys: Keys): Promise<ThrottleDecision> {
  const pair = refusal(await recent(client, keys.accountAndAddress, THROTTLE.lockAfterPerAccountAndAddress), THROTTLE.lockAfterPerAccountAndAddress);
  if (pair) return pair;
  if (keys.address) {
    const address = refusal(await recent(client, keys.address, THROTTLE.lockAfterPerAddress), THROTTLE.lockAfterPerAddress);
    if (address) return address;
  }
  const accountFailures = (await recent(client, keys.account, 64)).length;
  const over = accountFailures - THROTTLE.slowAfter + 1;
  return { refused: false, delayMs: over > 0 ? Math.min(THROTTLE.maxDelayMs, 250 * 2 ** (over - 1)) : 0 };
}

/** Whether an attempt may go ahead, and how long it must wait first. */
export function checkThrottle(email: string, ip: string | null): Promise<ThrottleDecision> {
  return decide(db, keysFor(email, ip));
}

const gate = new ConcurrencyGate(THROTTLE.concurrentPerProcess, THROTTLE.maxWaitMs);
const accounts = new KeyedQueue(THROTTLE.maxWaitMs);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Counts the attempt as a failure before the password is checked, so parallel guesses are counted
 * one after another even across processes: under a transaction-scoped advisory lock on the account,
 * taken with try-lock and retried (never waited for inside a pooled connection), the limits are
 * checked again and the failure rows inserted. Returns their ids, or the refusal.
 */
async function reserve(keys: Keys): Promise<{ ids: bigint[] } | { refused: true; retryAfterSeconds: number }> {
  const deadline = Date.now() + THROTTLE.maxWaitMs;
  for (;;) {
    const outcome = await db.$transaction(async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`sign-in:${keys.account}`})) AS locked`;
      if (!locked) return null;
      const decision = await decide(tx, keys);
      if (decision.refused) return decision;
      const at = realNow();
      const created = await tx.signInFailure.createManyAndReturn({
        data: [keys.account, keys.accountAndAddress, keys.address].filter((k): k is string => k !== null).map((key) => ({ key, at })),
        select: { id: true },
      });
      return { ids: created.map((c) => c.id) };
    });
    if (outcome) return outcome;
    if (Date.now() > deadline) throw new SignInBusyError();
    await sleep(20 + Math.random() * 30);
  }
}

export type ThrottledAttempt<T> = { refused: true; retryAfterSeconds: number } | { refused: false; passed: boolean; value: T };

/**
 * Runs one password check for an account under the throttle: refused early when over a limit,
 * delayed when the account has been failing, counted exactly, and at most a few at once per
 * process. `check` says whether the password was right; a right one clears the account's counts.
 */
export async function throttledAttempt<T>(
  email: string,
  ip: string | null,
  check: () => Promise<{ passed: boolean; value: T }>,
): Promise<ThrottledAttempt<T>> {
  const keys = keysFor(email, ip);
  const first = await gate.run(() => decide(db, keys));
  if (first.refused) return first;
  // The slow-down is served here, holding nothing: no connection, no place in the gate.
  if (first.delayMs > 0) await sleep(first.delayMs);
  return accounts.run(keys.account, () =>
    gate.run(async () => {
      const reserved = await reserve(keys);
      if ("refused" in reserved) return reserved;
      let result: { passed: boolean; value: T };
      try {
        result = await check();
      } catch (err) {
        // Not a wrong password: the attempt does not count against anyone.
        await db.signInFailure.deleteMany({ where: { id: { in: reserved.ids } } }).catch(() => undefined);
        throw err;
      }
      if (result.passed) {
        await db.signInFailure.deleteMany({ where: { OR: [{ id: { in: reserved.ids } }, { key: { in: [keys.account, keys.accountAndAddress] } }] } });
      } else {
        // Keep the table small: anything older than the window no longer counts.
        await db.signInFailure.deleteMany({ where: { at: { lt: new Date(realNow().getTime() - THROTTLE.windowMs) } } });
      }
      return { refused: false as const, ...result };
    }),
  );
}
