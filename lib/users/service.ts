import "server-only";
import { randomBytes } from "node:crypto";
import { cache } from "react";
import { db, readRows, type Tx } from "@/lib/db";
import { now, realNow } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { hashSecret, revokeUserTokens } from "@/lib/auth/tokens";
import { assertCan, type Actor, type Role } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, isUniqueViolation } from "@/lib/errors";
import { assertCurrentVersion, updateVersioned } from "@/lib/concurrency";
import type { CreateUserInput, UpdateUserInput } from "./schemas";

export const INVITE_TTL_DAYS = 7;

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  mustChangePassword: true,
  inviteExpiresAt: true,
  lastSignInAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type UserView = Awaited<ReturnType<typeof listUsers>>[number];

export async function listUsers(actor: Actor) {
  assertCan(actor, "users.manage");
  const users = await db.user.findMany({ select: { ...userSelect, passwordHash: true }, orderBy: [{ disabled: "asc" }, { name: "asc" }] });
  return users.map(({ passwordHash, ...u }) => ({ ...u, hasPassword: passwordHash !== null }));
}

/** Names and emails every role may see, e.g. to choose an owner or filter by one. Read once per request. */
export const userDirectory = cache(async (actor: Actor) => {
  assertCan(actor, "users.directory");
  return readRows<{ id: string; name: string; email: string; role: Role; disabled: boolean }>(
    `SELECT id::text AS id, name, email, role::text AS role, disabled FROM users ORDER BY name, id`,
  );
});

export async function getUser(actor: Actor, id: string) {
  assertCan(actor, "users.manage");
  const user = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!user) throw new NotFoundError("User");
  return user;
}

function oneTimePassword(): string {
  // 15 characters from an unambiguous alphabet: easy to read out, ~77 bits.
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(15);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export interface CreatedUser {
  user: Awaited<ReturnType<typeof getUser>>;
  /** Shown once to the admin, never stored in clear. */
  oneTimePassword?: string;
  inviteToken?: string;
}

export async function createUser(actor: Actor, input: CreateUserInput): Promise<CreatedUser> {
  assertCan(actor, "users.manage");
  const secret = input.credential === "password" ? oneTimePassword() : randomBytes(24).toString("base64url");
  const credentials =
    input.credential === "password"
      ? { passwordHash: await hashPassword(secret), mustChangePassword: true, inviteExpiresAt: new Date(realNow().getTime() + INVITE_TTL_DAYS * 86_400_000) }
      : {
          inviteTokenHash: hashSecret(secret),
          inviteExpiresAt: new Date(realNow().getTime() + INVITE_TTL_DAYS * 86_400_000),
        };
  try {
    const user = await db.$transaction(async (tx) => {
      const at = now();
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, createdAt: at, updatedAt: at, ...credentials },
        select: userSelect,
      });
      await recordAudit(tx, auditActor(actor), {
        action: "user.create",
        entityType: "user",
        entityId: created.id,
        summary: `Added ${created.email} as ${created.role.toLowerCase()}`,
        after: { email: created.email, name: created.name, role: created.role, credential: input.credential },
      });
      return created;
    });
    return input.credential === "password" ? { user, oneTimePassword: secret } : { user, inviteToken: secret };
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ConflictError(`A user with the email ${input.email} already exists.`, undefined, {
        email: "is already used by another user",
      });
    }
    throw err;
  }
}

/** Locks the active admins so two concurrent demotions cannot both pass the last-admin check. */
async function activeAdminIds(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM users WHERE role = 'ADMIN' AND NOT disabled ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

export async function updateUser(actor: Actor, input: UpdateUserInput) {
  assertCan(actor, "users.manage");
  return db.$transaction(async (tx) => {
    const admins = await activeAdminIds(tx);
    const before = await tx.user.findUnique({ where: { id: input.id }, select: userSelect });
    if (!before) throw new NotFoundError("User");
    assertCurrentVersion(before, input.version, before.email);
    const role: Role = input.role ?? before.role;
    const disabled = input.disabled ?? before.disabled;
    const losesAdmin = before.role === "ADMIN" && !before.disabled && (role !== "ADMIN" || disabled);
    if (losesAdmin && admins.length <= 1) {
      throw new ConflictError(
        "This is the last active admin. Make another user an admin first, so someone can still manage the board.",
        before,
      );
    }
    await updateVersioned(tx.user, {
      where: { id: input.id },
      expected: input.version,
      data: {
        role,
        disabled,
        name: input.name ?? before.name,
        updatedAt: now(),
        // Disabling ends every session of the account at once.
        ...(disabled && !before.disabled ? { sessionVersion: { increment: 1 } } : {}),
      },
      what: before.email,
      current: () => tx.user.findUnique({ where: { id: input.id }, select: userSelect }),
    });
    // A disabled account's tokens end with it, and stay revoked if it is re-enabled.
    if (disabled && !before.disabled) await revokeUserTokens(tx, actor, before, "the account was disabled");
    const after = await tx.user.findUniqueOrThrow({ where: { id: input.id }, select: userSelect });
    const changes: string[] = [];
    if (role !== before.role) changes.push(`role ${before.role.toLowerCase()} → ${role.toLowerCase()}`);
    if (disabled !== before.disabled) changes.push(disabled ? "disabled" : "re-enabled");
    if (after.name !== before.name) changes.push(`name "${before.name}" → "${after.name}"`);
    await recordAudit(tx, auditActor(actor), {
      action: "user.update",
      entityType: "user",
      entityId: before.id,
      summary: `${before.email}: ${changes.join(", ") || "no change"}`,
      before: { role: before.role, disabled: before.disabled, name: before.name },
      after: { role: after.role, disabled: after.disabled, name: after.name },
    });
    return after;
  });
}

/** A fresh invitation link (or one-time password) for someone who lost theirs. */
export async function resetCredential(actor: Actor, id: string, credential: "password" | "invite") {
  assertCan(actor, "users.manage");
  const secret = credential === "password" ? oneTimePassword() : randomBytes(24).toString("base64url");
  const data =
    credential === "password"
      ? {
          passwordHash: await hashPassword(secret),
          mustChangePassword: true,
          inviteTokenHash: null,
          inviteExpiresAt: new Date(realNow().getTime() + INVITE_TTL_DAYS * 86_400_000),
        }
      : {
          passwordHash: null,
          inviteTokenHash: hashSecret(secret),
          inviteExpiresAt: new Date(realNow().getTime() + INVITE_TTL_DAYS * 86_400_000),
        };
  const user = await db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { id }, select: userSelect });
    if (!existing) throw new NotFoundError("User");
    const updated = await tx.user.update({
      where: { id },
      data: { ...data, sessionVersion: { increment: 1 }, version: { increment: 1 }, updatedAt: now() },
      select: userSelect,
    });
    await revokeUserTokens(tx, actor, existing, "an admin issued a new credential");
    await recordAudit(tx, auditActor(actor), {
      action: "user.reset_credential",
      entityType: "user",
      entityId: id,
      summary: `Issued a new ${credential === "password" ? "one-time password" : "invitation link"} for ${existing.email}`,
    });
    return updated;
  });
  return credential === "password" ? { user, oneTimePassword: secret } : { user, inviteToken: secret };
}
