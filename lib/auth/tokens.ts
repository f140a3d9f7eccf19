import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, readRows, type Tx } from "@/lib/db";
import { realNow } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { assertCan, type Actor } from "./permissions";
import { loadActor } from "./actor";

const PREFIX = "trb_";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  userEmail: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  userId: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  user: { select: { email: true } },
} as const;

function view(t: { user: { email: string } } & Omit<TokenView, "userEmail">): TokenView {
  const { user, ...rest } = t;
  return { ...rest, userEmail: user.email };
}

export async function listTokens(actor: Actor): Promise<TokenView[]> {
  assertCan(actor, "tokens.manage");
  const rows = await db.apiToken.findMany({ select: tokenSelect, orderBy: { createdAt: "desc" } });
  return rows.map(view);
}

/** Creates a token acting as its creator, with the creator's (current) role. The secret is returned once. */
export async function createToken(
  actor: Actor,
  input: { name: string; expiresInDays?: number | null },
): Promise<{ token: TokenView; secret: string }> {
  assertCan(actor, "tokens.manage");
  const secret = PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(realNow().getTime() + input.expiresInDays * 86_400_000) : null;
  const token = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashSecret(secret),
        prefix: secret.slice(0, PREFIX.length + 6),
        userId: actor.id,
        createdAt: realNow(),
        expiresAt,
      },
      select: tokenSelect,
    });
    await recordAudit(tx, auditActor(actor), {
      action: "token.create",
      entityType: "api_token",
      entityId: created.id,
      summary: `Created API token "${created.name}"`,
      after: { name: created.name, prefix: created.prefix, expiresAt },
    });
    return created;
  });
  return { token: view(token), secret };
}

export async function revokeToken(actor: Actor, id: string): Promise<TokenView> {
  assertCan(actor, "tokens.manage");
  return db.$transaction(async (tx) => {
    const existing = await tx.apiToken.findUnique({ where: { id }, select: tokenSelect });
    if (!existing) throw new NotFoundError("API token");
    if (existing.revokedAt) return view(existing);
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: realNow() }, select: tokenSelect });
    await recordAudit(tx, auditActor(actor), {
      action: "token.revoke",
      entityType: "api_token",
      entityId: id,
      summary: `Revoked API token "${existing.name}"`,
      before: { revokedAt: null },
      after: { revokedAt: revoked.revokedAt },
    });
    return view(revoked);
  });
}

/**
 * Revokes every live token of a user, inside the caller's transaction, when one of their
 * credentials changes hands or ends: an admin's reset, disabling the account, a password change
 * (docs/decisions/0007-credential-events-and-api-tokens.md). Revoked tokens stay revoked: re-enabling
 * the account does not bring them back. Returns how many were revoked.
 */
export async function revokeUserTokens(tx: Tx, actor: Actor | { id: string; email: string }, user: { id: string; email: string }, reason: string): Promise<number> {
  const { count } = await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: realNow() } });
  if (count > 0) {
    await recordAudit(tx, auditActor(actor), {
      action: "token.revoke_all",
      entityType: "user",
      entityId: user.id,
      summary: `Revoked ${count} API token${count === 1 ? "" : "s"} of ${user.email}: ${reason}`,
      after: { revoked: count, reason },
    });
  }
  return count;
}

/** The actor behind a bearer secret, or null when the token is unknown, revoked, expired or its user disabled. */
export async function actorFromToken(secret: string): Promise<Actor | null> {
  if (!secret.startsWith(PREFIX)) return null;
  const [token] = await readRows<{ id: string; userId: string; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null }>(
    `SELECT id::text AS id, user_id::text AS "userId", revoked_at AS "revokedAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt"
       FROM api_tokens WHERE token_hash = $1`,
    [hashSecret(secret)],
  );
  const now = realNow();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  const actor = await loadActor(token.userId, "token");
  if (!actor) return null;
  // Recording every use would turn each read into a write; once a minute is precise enough.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return actor;
}
