import "server-only";
import { db, type Tx } from "@/lib/db";
import { assertCan, can, canAny, ownerScope, type Actor, type Permission } from "@/lib/auth/permissions";
import { AppError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { readinessContext, type ReadinessContext } from "@/lib/readiness/context";
import { idsMatching, type ListFilters } from "./query";

/** What a bulk operation acts on: chosen rows, or every row matching the inventory's filters. */
export type Selection = { ids: string[] } | { filter: ListFilters };

type Owned = { id: string; ownerId: string | null };
export type SelectedRow<S extends Prisma.IntegrationSelect> = Prisma.IntegrationGetPayload<{ select: S }> & Owned;

/**
 * The integrations a bulk operation (bulk edits, probe runs) acts on, checked the one way the
 * permissions table allows: a role without the permission is refused; a member's filter is
 * narrowed to what they own (ownerScope); chosen ids are refused whole when any no longer exists
 * or belongs to someone else, because acting on only part of a selection would mislead.
 */
export async function resolveSelection<S extends Prisma.IntegrationSelect>(
  actor: Actor,
  opts: { permission: Permission; selection: Selection; select: S; client?: Tx | typeof db; context?: ReadinessContext },
): Promise<SelectedRow<S>[]> {
  const { permission, selection } = opts;
  if (!canAny(actor, permission)) assertCan(actor, permission);
  const client = opts.client ?? db;
  const select = { ...opts.select, id: true, ownerId: true };
  const read = async (ids: string[]) => (await client.integration.findMany({ where: { id: { in: ids } }, select })) as unknown as SelectedRow<S>[];
  if ("filter" in selection) {
    const scope = ownerScope(actor, permission) ?? {};
    return read(await idsMatching(selection.filter, actor, opts.context ?? (await readinessContext(actor)), scope.ownerId));
  }
  const ids = [...new Set(selection.ids)];
  const rows = await read(ids);
  const missing = ids.length - rows.length;
  if (missing > 0 && ids.length === 1) throw new NotFoundError("Integration");
  if (missing > 0) {
    throw new AppError(404, "not_found", `${missing} of the ${ids.length} selected integrations no longer exist (deleted since they were selected?). Nothing was done; reload the list and select again.`);
  }
  const foreign = rows.filter((r) => !can(actor, permission, r));
  if (foreign.length === 1 && rows.length === 1) assertCan(actor, permission, foreign[0]);
  if (foreign.length) {
    throw new ForbiddenError(`${foreign.length} of the selected belong to someone else, and you may act only on integrations you own. Nothing was done.`);
  }
  return rows;
}
