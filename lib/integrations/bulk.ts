import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { snapshot } from "@/lib/audit/record";
import { assertCan, canAny, ownerScope, type Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { idsMatching } from "./query";
import { readinessContext } from "@/lib/readiness/context";
import { listQuerySchema, statusSchema } from "./schemas";
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
  matched: number;
  changed: number;
  /** Selected ids that no longer exist. */
  missing: number;
}

/**
 * Changes many integrations in one transaction, with an audit entry for each. A member may change
 * only what they own: a selection that includes someone else's is refused as a whole; a filter is
 * narrowed to their own integrations.
 */
export async function applyBulk(actor: Actor, input: BulkInput): Promise<BulkResult> {
  const permission = PERMISSION[input.action];
  if (!canAny(actor, permission)) assertCan(actor, permission);
  const scope = ownerScope(actor, permission) ?? {};
  const ids = input.ids ?? (await idsMatching(input.filter!, actor, await readinessContext(actor), scope.ownerId));
  const where: Prisma.IntegrationWhereInput = { id: { in: ids } };

  return db.$transaction(
    async (tx) => {
      const rows = await tx.integration.findMany({ where, select: { id: true, name: true, ownerId: true, status: true } });
      if (input.ids) {
        const foreign = rows.filter((r) => scope.ownerId && r.ownerId !== scope.ownerId);
        if (foreign.length) {
          throw new ForbiddenError(`You may change only integrations you own; ${foreign.length} of the selected belong to someone else.`);
        }
      }
      const missing = input.ids ? input.ids.length - rows.length : 0;
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
      return { matched: rows.length, changed: ids.length, missing };
    },
    { timeout: 60_000 },
  );
}
