import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { attemptDelivery } from "./deliveries";

// The delivery log: what was sent to whom, with the receiving server's answer. Admins only.

export const LOG_PAGE_SIZE = 50;

const listSelect = {
  id: true,
  kind: true,
  channel: true,
  recipient: true,
  subject: true,
  status: true,
  attempts: true,
  lastAnswer: true,
  createdAt: true,
  lastAttemptAt: true,
  sentAt: true,
  user: { select: { name: true } },
  webhook: { select: { name: true } },
} as const;

export async function listDeliveries(actor: Actor, query: { status?: "queued" | "sent" | "failed"; page: number }) {
  assertCan(actor, "notifications.manage");
  const where = query.status ? { status: query.status } : {};
  const [rows, total] = await Promise.all([
    db.delivery.findMany({ where, select: listSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: (query.page - 1) * LOG_PAGE_SIZE, take: LOG_PAGE_SIZE }),
    db.delivery.count({ where }),
  ]);
  return { data: rows, total, page: query.page, pageSize: LOG_PAGE_SIZE };
}
export type DeliveryListItem = Awaited<ReturnType<typeof listDeliveries>>["data"][number];

export async function getDelivery(actor: Actor, id: string) {
  assertCan(actor, "notifications.manage");
  const row = await db.delivery.findUnique({ where: { id }, select: { ...listSelect, textBody: true, htmlBody: true, payload: true, occasionKey: true } });
  if (!row) throw new NotFoundError("Delivery");
  return row;
}

/** Tries a failed delivery again now, by hand; returns the new answer. */
export async function retryDelivery(actor: Actor, id: string) {
  assertCan(actor, "notifications.manage");
  const row = await db.delivery.findUnique({ where: { id }, select: { status: true } });
  if (!row) throw new NotFoundError("Delivery");
  if (row.status !== "failed") throw new ConflictError(`Only a failed delivery can be retried; this one is ${row.status}.`, { status: row.status });
  return attemptDelivery(id, { manual: true });
}
