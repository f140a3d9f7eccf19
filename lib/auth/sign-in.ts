import "server-only";
import { db } from "@/lib/db";
import { verifyPassword } from "./password";
import { checkThrottle, clearFailures, recordFailure } from "./throttle";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; code: "invalid" | "throttled" | "disabled"; message: string };

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

  const decision = await checkThrottle(email, ip);
  if (decision.refused) {
    return {
      ok: false,
      code: "throttled",
      message: `Too many failed sign-ins. Try again in ${minutes(decision.retryAfterSeconds)}.`,
    };
  }
  if (decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));

  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) {
    await recordFailure(email, ip);
    return { ok: false, code: "invalid", message: WRONG_CREDENTIALS };
  }
  if (user.disabled) {
    return { ok: false, code: "disabled", message: "This account is disabled. Ask an admin to re-enable it." };
  }
  await clearFailures(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
