import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { snapshot } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/permissions";
import { listQuerySchema, statusSchema } from "./schemas";
import { resolveSelection } from "./selection";
import { assertOwnerExists } from "./service";

export const bulkFilterSchema = listQuerySchema.omit({ page: true, pageSize: true, sort: true });

export const bulkInput = z
  .object({
    action: z.enum(["set_owner", "set_status", "delete"], { message: "must be set_owner, set_status or delete" }),
    ids: z.array(z.string().uuid("must be integration ids")).min(1, "select at least one integration").max(20_000).optional(),
    filter: bulkFilterSchema.optional(),
    ownerId: z.string().uuid("must be a user id").nullable().optional(),
    status: statusSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.ids ? 1 : 0) + (v.filter ? 1 : 0) !== 1) ctx.addIssue({ code: "custom", path: ["ids"], message: "send either ids or filter" });
    if (v.action === "set_owner" && v.ownerId === undefined) ctx.addIssue({ code: "custom", path: ["ownerId"], message: "is required to change the owner (null for none)" });
    if (v.action === "set_status" && !v.status) ctx.addIssue({ code: "custom", path: ["status"], message: "is required to change the status" });
  });
export type BulkInput = z.infer<typeof bulkInput>;

const PERMISSION = { set_owner: "integrations.reassign", set_status: "integrations.edit", delete: "integrations.delete" } as const;

export interface BulkResult {
  /** Integrations selected (or matching the filter) that the actor may change. */
  matched: number;
  /** Of those, the ones this action changed (the others already had the value). */
  changed: number;
}

/**
 * Changes many integrations in one transaction, with an audit entry for each. A member may change
 * only what they own (resolveSelection: a selection with someone else's, or with ids that no
 * longer exist, is refused whole; a filter is narrowed to their own integrations).
 */
export async function applyBulk(actor: Actor, input: BulkInput): Promise<BulkResult> {
  return db.$transaction(
    async (tx) => {
      const rows = await resolveSelection(actor, {
        permission: PERMISSION[input.action],
        selection: input.ids ? { ids: input.ids } : { filter: input.filter! },
        select: { name: true, status: true },
        client: tx,
      });
      if (input.action === "set_owner") await assertOwnerExists(tx, input.ownerId);
      const targets =
        input.action === "set_owner"
          ? rows.filter((r) => r.ownerId !== (input.ownerId ?? null))
          : input.action === "set_status"
            ? rows.filter((r) => r.status !== input.status)
            : rows;
      const ids = targets.map((r) => r.id);
      const at = now();
      if (ids.length) {
        if (input.action === "delete") await tx.integration.deleteMany({ where: { id: { in: ids } } });
        else {
          const data = input.action === "set_owner" ? { ownerId: input.ownerId ?? null } : { status: input.status };
          await tx.integration.updateMany({ where: { id: { in: ids } }, data: { ...data, version: { increment: 1 }, updatedAt: at } });
        }
        await tx.auditLog.createMany({
          data: targets.map((r) => ({
            at,
            actorId: actor.id,
            actorLabel: actor.email,
            action: input.action === "delete" ? "integration.delete" : "integration.update",
            entityType: "integration",
            entityId: r.id,
            summary:
              input.action === "delete"
                ? `Deleted ${r.name} (bulk)`
                : input.action === "set_owner"
                  ? `Changed owner of ${r.name} (bulk)`
                  : `Changed status of ${r.name} to ${input.status} (bulk)`,
            before: snapshot(input.action === "set_status" ? { status: r.status } : input.action === "set_owner" ? { ownerId: r.ownerId } : r),
            after: input.action === "delete" ? undefined : snapshot(input.action === "set_status" ? { status: input.status } : { ownerId: input.ownerId ?? null }),
          })),
        });
      }
      return { matched: rows.length, changed: ids.length };
    },
    { timeout: 60_000 },
  );
}
