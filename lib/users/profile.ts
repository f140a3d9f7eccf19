import "server-only";
import { db } from "@/lib/db";
import { now, realNow } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hashSecret, revokeUserTokens } from "@/lib/auth/tokens";
import type { Actor } from "@/lib/auth/permissions";
import { throttledMessage } from "@/lib/auth/sign-in";
import { SignInBusyError } from "@/lib/auth/sign-in-gate";
import { throttledAttempt } from "@/lib/auth/throttle";
import { NotFoundError, ServiceUnavailableError, TooManyRequestsError, ValidationError } from "@/lib/errors";

export async function getProfile(actor: Actor) {
  const user = await db.user.findUnique({
    where: { id: actor.id },
    select: { id: true, email: true, name: true, role: true, mustChangePassword: true, createdAt: true },
  });
  if (!user) throw new NotFoundError("Your account");
  return user;
}

export async function updateProfile(actor: Actor, input: { name: string }) {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true } });
    const after = await tx.user.update({
      where: { id: actor.id },
      data: { name: input.name, updatedAt: now(), version: { increment: 1 } },
      select: { name: true },
    });
    await recordAudit(tx, auditActor(actor), {
      action: "user.profile",
      entityType: "user",
      entityId: actor.id,
      summary: `Changed their name to "${after.name}"`,
      before,
      after,
    });
    return after;
  });
}

/**
 * Changes the actor's own password. The current password is checked under the sign-in throttle
 * (same counts: guessing it here is guessing a sign-in). Every other session of the account ends
 * and its API tokens are revoked. Returns the new session version.
 */
export async function changeOwnPassword(actor: Actor, input: { current: string; password: string }, ip: string | null): Promise<number> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, omit: { passwordHash: false } });
  let attempt;
  try {
    attempt = await throttledAttempt(user.email, ip, async () => ({ passed: await verifyPassword(user.passwordHash, input.current), value: null }));
  } catch (err) {
    if (err instanceof SignInBusyError) throw new ServiceUnavailableError(err.message);
    throw err;
  }
  if (attempt.refused) throw new TooManyRequestsError(throttledMessage(attempt.retryAfterSeconds), attempt.retryAfterSeconds);
  if (!attempt.passed) {
    throw new ValidationError("The current password is not right.", { current: "is not your current password" });
  }
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: actor.id },
      data: { passwordHash, mustChangePassword: false, inviteExpiresAt: null, sessionVersion: { increment: 1 }, updatedAt: now() },
      select: { sessionVersion: true },
    });
    await recordAudit(tx, auditActor(actor), {
      action: "user.password",
      entityType: "user",
      entityId: actor.id,
      summary: "Changed their password",
    });
    await revokeUserTokens(tx, actor, user, "they changed their password");
    return updated.sessionVersion;
  });
}

export async function findInvite(token: string) {
  const user = await db.user.findUnique({
    where: { inviteTokenHash: hashSecret(token) },
    select: { id: true, email: true, name: true, inviteExpiresAt: true, disabled: true },
  });
  if (!user || user.disabled || !user.inviteExpiresAt || user.inviteExpiresAt <= realNow()) return null;
  return user;
}

/** Sets the password from an invitation link; the link works once. */
export async function acceptInvite(token: string, password: string): Promise<{ email: string }> {
  const invited = await findInvite(token);
  if (!invited) {
    throw new ValidationError("This invitation link has expired or was already used. Ask an admin for a new one.", {
      token: "is expired or already used",
    });
  }
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    // The token hash in the where clause makes a second, concurrent use of the same link fail.
    const used = await tx.user.updateMany({
      where: { id: invited.id, inviteTokenHash: hashSecret(token) },
      data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null, mustChangePassword: false, updatedAt: now() },
    });
    if (used.count === 0) {
      throw new ValidationError("This invitation link has expired or was already used. Ask an admin for a new one.", { token: "is expired or already used" });
    }
    await recordAudit(tx, { id: invited.id, label: invited.email }, {
      action: "user.accept_invite",
      entityType: "user",
      entityId: invited.id,
      summary: "Set a password from an invitation link",
    });
  });
  return { email: invited.email };
}
