import "server-only";
import { now, realNow } from "@/lib/clock";
import { verifyPassword } from "./password";
import { checkThrottle, clearFailures, recordFailure, withAccountLock } from "./throttle";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; code: "invalid" | "throttled" | "disabled" | "expired"; message: string };

export const WRONG_CREDENTIALS = "Wrong email or password.";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "1 minute" : `${m} minutes`;
}

/** Checks a password sign-in, slowing down and then refusing repeated failures. */
export async function signInWithPassword(emailInput: string, password: string, ip: string | null): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  if (!email || !password) return { ok: false, code: "invalid", message: "Enter your email and password." };

  const first = await checkThrottle(email, ip);
  if (first.refused) return throttled(first.retryAfterSeconds);
  if (first.delayMs > 0) await new Promise((r) => setTimeout(r, first.delayMs));

  return withAccountLock(email, async (tx) => {
    // Checked again under the account's lock: parallel attempts are counted one after another.
    const decision = await checkThrottle(email, ip, tx);
    if (decision.refused) return throttled(decision.retryAfterSeconds);
    const user = await tx.user.findUnique({ where: { email }, omit: { passwordHash: false } });
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !valid) {
      await recordFailure(email, ip, tx);
      return { ok: false, code: "invalid", message: WRONG_CREDENTIALS } as const;
    }
    if (user.disabled) {
      return { ok: false, code: "disabled", message: "This account is disabled. Ask an admin to re-enable it." } as const;
    }
    // A one-time password works for a week; after that an admin issues a new one.
    if (user.mustChangePassword && user.inviteExpiresAt && user.inviteExpiresAt <= realNow()) {
      return { ok: false, code: "expired", message: "This one-time password has expired. Ask an admin for a new one." } as const;
    }
    await clearFailures(email, tx);
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now() } });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } } as const;
  });
}

function throttled(retryAfterSeconds: number): SignInResult {
  return { ok: false, code: "throttled", message: `Too many failed sign-ins. Try again in ${minutes(retryAfterSeconds)}.` };
}
