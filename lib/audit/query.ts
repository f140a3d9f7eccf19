import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";

export const auditQuerySchema = z.object({
  actor: z.string().uuid("must be a user id").optional(),
  entityType: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1, "must be 1 or more").default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "must be at most 200").default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const entrySelect = {
  id: true,
  at: true,
  actorId: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  summary: true,
  before: true,
  after: true,
} as const;

function serialise<T extends { id: bigint }>(row: T) {
  return { ...row, id: row.id.toString() };
}

export async function listAudit(actor: Actor, query: AuditQuery) {
  assertCan(actor, "audit.read");
  const where = {
    ...(query.actor ? { actorId: query.actor } : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      select: entrySelect,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.auditLog.count({ where }),
  ]);
  return { data: rows.map(serialise), page: query.page, pageSize: query.pageSize, total };
}

export async function auditFacets(actor: Actor) {
  assertCan(actor, "audit.read");
  const [types, actors] = await Promise.all([
    db.auditLog.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
    db.user.findMany({ select: { id: true, name: true, email: true }, orderBy: { name: "asc" } }),
  ]);
  return { entityTypes: types.map((t) => t.entityType), actors };
}

/**
 * The history of one record, oldest first (its newest 500 entries), for timelines on detail
 * pages. Visible to every role that may read the record.
 */
export async function entityHistory(entityType: string, entityId: string) {
  const rows = await db.auditLog.findMany({
    where: { entityType, entityId },
    select: entrySelect,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 500,
  });
  return rows.reverse().map(serialise);
}
