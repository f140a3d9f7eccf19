import "server-only";
import { db } from "@/lib/db";
import { now, realNow } from "@/lib/clock";
import { recordAudit } from "@/lib/audit/record";
import { isDatabaseUnavailable } from "@/lib/errors";
import { formatWait } from "@/lib/format";
import { logError, logWarn } from "@/lib/log";
import { verifyPassword } from "./password";
import { SignInBusyError } from "./sign-in-gate";
import { throttledAttempt } from "./throttle";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; code: "invalid" | "throttled" | "disabled" | "expired" | "busy" | "error"; message: string };

export const WRONG_CREDENTIALS = "Wrong email or password.";
export const SIGN_IN_BUSY = "The server is busy. Wait a few seconds and sign in again.";
export const SIGN_IN_FAILED = "Signing in failed on the server. Try again; if it keeps failing, tell an admin.";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function throttledMessage(retryAfterSeconds: number): string {
  return `Too many failed sign-ins. Try again in ${formatWait(retryAfterSeconds)}.`;
}

type FailureReason = "unknown_account" | "wrong_password" | "disabled" | "expired";

/** Every sign-in, good or bad, goes into the audit log with the address it came from. */
export async function auditSignIn(
  user: { id: string; email: string } | null,
  ip: string | null,
  failure: FailureReason | null,
  method: "password" | "single sign-on" = "password",
): Promise<void> {
  const from = ip ? `from ${ip}` : "from an unknown address";
  await db.$transaction((tx) =>
    recordAudit(tx, failure === null && user ? { id: user.id, label: user.email } : { id: null, label: ip ?? "unknown address" }, {
      action: failure === null ? "auth.sign_in" : "auth.sign_in_failed",
      entityType: "user",
      // The typed email of an unknown account is not kept: people type passwords into that field.
      entityId: user?.id ?? "unknown",
      summary: failure === null ? `Signed in (${method}) ${from}` : `Failed sign-in (${method}) ${from}: ${failure.replace("_", " ")}`,
      after: { address: ip, method, ...(failure ? { reason: failure } : {}) },
    }),
  );
}

/** Checks a password sign-in, slowing down and then refusing repeated failures. */
export async function signInWithPassword(emailInput: string, password: string, ip: string | null): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  if (!email || !password) return { ok: false, code: "invalid", message: "Enter your email and password." };

  let attempt;
  try {
    attempt = await throttledAttempt(email, ip, async () => {
      const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
      return { passed: (await verifyPassword(user?.passwordHash ?? null, password)) && user !== null, value: user };
    });
  } catch (err) {
    if (err instanceof SignInBusyError) return { ok: false, code: "busy", message: SIGN_IN_BUSY };
    throw err;
  }
  if (attempt.refused) return { ok: false, code: "throttled", message: throttledMessage(attempt.retryAfterSeconds) };
  const user = attempt.value;
  if (!user || !attempt.passed) {
    await auditSignIn(user, ip, user ? "wrong_password" : "unknown_account");
    return { ok: false, code: "invalid", message: WRONG_CREDENTIALS };
  }
  if (user.disabled) {
    await auditSignIn(user, ip, "disabled");
    return { ok: false, code: "disabled", message: "This account is disabled. Ask an admin to re-enable it." };
  }
  // A one-time password works for a week; after that an admin issues a new one.
  if (user.mustChangePassword && user.inviteExpiresAt && user.inviteExpiresAt <= realNow()) {
    await auditSignIn(user, ip, "expired");
    return { ok: false, code: "expired", message: "This one-time password has expired. Ask an admin for a new one." };
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now() } });
  await auditSignIn(user, ip, null);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/**
 * For the sign-in form: the outcome, or a message it can show. An unexpected failure is logged
 * with its detail and shown only as a generic message (never raw error text); a database that is
 * unreachable or out of connections reads as "busy".
 */
export async function signInForForm(email: string, password: string, ip: string | null): Promise<SignInResult> {
  try {
    return await signInWithPassword(email, password, ip);
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      logWarn("Password sign-in answered busy: the database is unavailable", err);
      return { ok: false, code: "busy", message: SIGN_IN_BUSY };
    }
    logError("Password sign-in failed unexpectedly", err);
    return { ok: false, code: "error", message: SIGN_IN_FAILED };
  }
}
