import "server-only";
import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isSystem } from "@/lib/auth/system-actor";

export interface AuditActor {
  id: string | null;
  /** Who acted, kept as text: an email, or "system" for scheduled work. */
  label: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before?: unknown;
  after?: unknown;
  /** When it happened, if not now (e.g. an automatic tick at its probe's time, or seeded history). */
  at?: Date;
}

const SECRET_KEYS = new Set(["passwordHash", "inviteTokenHash", "tokenHash", "password", "secret", "token"]);

/** Copies a snapshot for the log, dropping anything secret and turning dates into ISO text. */
export function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (key, v) => (SECRET_KEYS.has(key) ? undefined : typeof v === "bigint" ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/**
 * Appends one entry, inside the caller's transaction so the change and its record commit together.
 * The table is append-only: a database trigger refuses UPDATE and DELETE on it.
 */
export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      at: entry.at ?? now(),
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      summary: entry.summary,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
    },
  });
}

export function auditActor(actor: { id: string; email: string } | null): AuditActor {
  return actor && !isSystem(actor) ? { id: actor.id, label: actor.email } : { id: null, label: "system" };
}
