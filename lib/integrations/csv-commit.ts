import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { snapshot } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ConflictError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { updateVersioned } from "@/lib/concurrency";
import type { ImportPlan, ImportRow } from "./csv-import";
import { integrationSelect } from "./query";
import { ENDPOINT_FIELDS, endpointChange } from "./service";
import { refreshChecklists } from "@/lib/checklists/instantiate";

export const IMPORT_MODES = ["all_or_nothing", "valid_only"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportOutcome {
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Pick<ImportRow, "line" | "name" | "errors">[];
}

/**
 * Writes a planned import in one transaction. "all_or_nothing" writes nothing when any row is bad;
 * "valid_only" writes the good rows and reports the rest. Either way nothing is half-written.
 */
export async function commitImport(actor: Actor, plan: ImportPlan, mode: ImportMode): Promise<ImportOutcome> {
  assertCan(actor, "integrations.import");
  if (plan.fatal) throw new ValidationError(plan.fatal);
  const rejected = plan.rows.filter((r) => r.action === "error").map(({ line, name, errors }) => ({ line, name, errors }));
  const unchanged = plan.rows.filter((r) => r.action === "unchanged").length;
  if (rejected.length && mode === "all_or_nothing") return { committed: false, created: 0, updated: 0, unchanged, rejected };
  const creates = plan.rows.filter((r) => r.action === "create");
  const updates = plan.rows.filter((r) => r.action === "update");
  const at = now();
  try {
    await db.$transaction(
      async (tx) => {
        const created = creates.length
          ? await tx.integration.createManyAndReturn({
              data: creates.map((r) => ({ ...r.data!, createdAt: at, updatedAt: at })),
              select: { id: true, name: true },
            })
          : [];
        const audit = created.map((row, i) => ({
          at,
          actorId: actor.id,
          actorLabel: actor.email,
          action: "integration.create",
          entityType: "integration",
          entityId: row.id,
          summary: `Added ${row.name} (CSV import, line ${creates[i].line})`,
          after: snapshot(creates[i].data),
        }));
        for (const r of updates) {
          const before = await tx.integration.findUniqueOrThrow({ where: { id: r.id! } });
          const data = Object.fromEntries(r.changes.map((k) => [k, (r.data as Record<string, unknown>)[k]]));
          const endpoint = endpointChange(r.changes, before);
          await updateVersioned(tx.integration, {
            where: { id: r.id! },
            expected: r.version!,
            data: { ...data, ...endpoint.data, updatedAt: at },
            what: `${r.name} (line ${r.line}) since the preview`,
            next: "Nothing was imported; preview the file again.",
            current: () => tx.integration.findUnique({ where: { id: r.id! }, select: integrationSelect }),
          });
          audit.push({
            at,
            actorId: actor.id,
            actorLabel: actor.email,
            action: "integration.update",
            entityType: "integration",
            entityId: r.id!,
            summary: `Changed ${r.changes.join(", ")} of ${r.name} (CSV import, line ${r.line})`,
            after: snapshot(data),
            ...{ before: snapshot(Object.fromEntries(r.changes.map((k) => [k, (before as Record<string, unknown>)[k]]))) },
          });
          if (endpoint.withdrawn) audit.push({ at, actorId: actor.id, actorLabel: actor.email, entityId: r.id!, ...endpoint.withdrawn });
        }
        if (audit.length) await tx.auditLog.createMany({ data: audit });
        // New rows get their checklists; a new category or endpoint re-judges them.
        const moved = updates.filter((r) => r.changes.some((k) => k === "category" || ENDPOINT_FIELDS.includes(k))).map((r) => r.id!);
        await refreshChecklists(tx, [...created.map((c) => c.id), ...moved]);
      },
      { timeout: 120_000 },
    );
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ConflictError("The inventory changed while the file was being imported (an integration with the same name and category appeared). Preview the file again.");
    }
    throw err;
  }
  return { committed: true, created: creates.length, updated: updates.length, unchanged, rejected };
}
