import "server-only";
import { db, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation, validationFromZod } from "@/lib/errors";
import { assertCurrentVersion, deleteVersioned, updateVersioned } from "@/lib/concurrency";
import { CATEGORY_INFO } from "./categories";
import { INTEGRATION_FIELDS, type IntegrationField } from "./fields";
import { integrationSelect, queryList, queryReadiness, type IntegrationRow } from "./query";
import type { Readiness } from "@/lib/readiness/verdict";
import { readinessContext, type ReadinessContext } from "@/lib/readiness/context";
import { NO_DECLARATION } from "@/lib/readiness/override";
import { createIntegrationInput, type CreateIntegrationInput, type IntegrationChanges, type ListQuery } from "./schemas";
import { refreshChecklists } from "@/lib/checklists/instantiate";
import { withProgress, type Progress } from "@/lib/checklists/items";

export type { IntegrationRow } from "./query";

export const ENDPOINT_FIELDS: readonly string[] = ["endpointHost", "endpointPort", "sni", "starttls"];

export function snapshotOf(row: Pick<IntegrationRow, IntegrationField>): Record<IntegrationField, unknown> {
  return Object.fromEntries(INTEGRATION_FIELDS.map((k) => [k, row[k]])) as Record<IntegrationField, unknown>;
}

export async function listIntegrations(actor: Actor, query: ListQuery) {
  assertCan(actor, "integrations.read");
  const { data, total } = await queryList(query, actor, await readinessContext(actor));
  return { data: await withProgress(data), page: query.page, pageSize: query.pageSize, total };
}

/** How many integrations exist at all (the empty-inventory state needs to know). */
export async function countIntegrations(actor: Actor): Promise<number> {
  assertCan(actor, "integrations.read");
  return db.integration.count();
}

/** The readiness of one integration against the active campaign, with its reasons. */
export async function getReadiness(actor: Actor, id: string): Promise<{ readiness: Readiness; context: ReadinessContext }> {
  assertCan(actor, "integrations.read");
  const context = await readinessContext(actor);
  const readiness = await queryReadiness(id, context);
  if (!readiness) throw new NotFoundError("Integration");
  return { readiness, context };
}

/** One integration, with its checklist progress in the active campaign. */
export async function getIntegration(actor: Actor, id: string): Promise<IntegrationRow & { checklist: Progress }> {
  assertCan(actor, "integrations.read");
  const row = await db.integration.findUnique({ where: { id }, select: integrationSelect });
  if (!row) throw new NotFoundError("Integration");
  const [withChecklist] = await withProgress([row]);
  return withChecklist;
}

export async function assertOwnerExists(client: Tx | typeof db, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  const owner = await client.user.findUnique({ where: { id: ownerId }, select: { id: true } });
  if (!owner) throw new ValidationError("The owner must be a user of this board.", { ownerId: "is not a user of this board" });
}

function duplicate(name: string, category: string): ConflictError {
  return new ConflictError(`An integration named "${name}" already exists in ${CATEGORY_INFO[category as keyof typeof CATEGORY_INFO]?.label ?? category}.`, undefined, {
    name: "is already used in this category",
  });
}

export async function createIntegration(actor: Actor, input: CreateIntegrationInput): Promise<IntegrationRow> {
  assertCan(actor, "integrations.create");
  try {
    return await db.$transaction(async (tx) => {
      await assertOwnerExists(tx, input.ownerId);
      const at = now();
      const row = await tx.integration.create({ data: { ...input, createdAt: at, updatedAt: at }, select: integrationSelect });
      await recordAudit(tx, auditActor(actor), {
        action: "integration.create",
        entityType: "integration",
        entityId: row.id,
        summary: `Added ${row.name}`,
        after: snapshotOf(row),
      });
      await refreshChecklists(tx, [row.id]);
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(input.name, input.category);
    throw err;
  }
}

/** Applies a change made against `changes.version`; a stale version gets 409 with the current values. */
export async function updateIntegration(actor: Actor, id: string, changes: IntegrationChanges): Promise<IntegrationRow> {
  const { version, ...fields } = changes;
  try {
    return await db.$transaction(async (tx) => {
      const read = () => tx.integration.findUnique({ where: { id }, select: integrationSelect });
      const before = await read();
      if (!before) throw new NotFoundError("Integration");
      assertCan(actor, "integrations.edit", before);
      if (fields.ownerId !== undefined && fields.ownerId !== before.ownerId) {
        assertCan(actor, "integrations.reassign");
        await assertOwnerExists(tx, fields.ownerId);
      }
      assertCurrentVersion(before, version, "this integration");
      const merged = createIntegrationInput.safeParse({ ...snapshotOf(before), ...fields });
      if (!merged.success) throw validationFromZod(merged.error.issues);
      const changed = INTEGRATION_FIELDS.filter((k) => merged.data[k] !== before[k]);
      if (changed.length === 0) return before;
      const data = Object.fromEntries(changed.map((k) => [k, merged.data[k]]));
      const endpoint = endpointChange(changed, before);
      await updateVersioned(tx.integration, {
        where: { id },
        expected: version,
        data: { ...data, ...endpoint.data, updatedAt: now() },
        what: "this integration",
        current: read,
      });
      const after = await tx.integration.findUniqueOrThrow({ where: { id }, select: integrationSelect });
      await recordAudit(tx, auditActor(actor), {
        action: "integration.update",
        entityType: "integration",
        entityId: id,
        summary: `Changed ${changed.join(", ")} of ${after.name}`,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
      if (endpoint.withdrawn) await recordAudit(tx, auditActor(actor), { ...endpoint.withdrawn, entityId: id });
      // A new category brings its checklist; a new endpoint voids the probe evidence automatic items stand on.
      if (changed.some((k) => k === "category" || ENDPOINT_FIELDS.includes(k))) await refreshChecklists(tx, [id]);
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(fields.name ?? "", fields.category ?? "");
    throw err;
  }
}

/**
 * Probes of the old endpoint prove nothing about the new one, and a declaration of readiness was
 * about the old one too: when an endpoint field changes, the verdict waits for new evidence. Gives
 * the columns to clear and, when a declaration goes, the audit entry saying so. Used by edits and
 * by CSV imports alike.
 */
export function endpointChange(changed: readonly string[], before: { name: string; overrideReady: boolean }) {
  if (!changed.some((k) => ENDPOINT_FIELDS.includes(k))) return { data: {}, withdrawn: null };
  return {
    // Besides the probe evidence, a declaration made about the old endpoint goes.
    data: { latestProbeId: null, ...NO_DECLARATION },
    withdrawn: before.overrideReady
      ? {
          action: "integration.override_cleared",
          entityType: "integration",
          summary: `Withdrew the declaration that ${before.name} is ready: its endpoint changed`,
          before: { overrideReady: true },
          after: { overrideReady: false },
        }
      : null,
  };
}

export async function deleteIntegration(actor: Actor, id: string, version?: number): Promise<void> {
  assertCan(actor, "integrations.delete");
  await db.$transaction(async (tx) => {
    const read = () => tx.integration.findUnique({ where: { id }, select: integrationSelect });
    const before = await read();
    if (!before) throw new NotFoundError("Integration");
    // Without a version (an API client that did not read it first) the delete is unconditional.
    const next = "Review it before deleting.";
    if (version !== undefined) assertCurrentVersion(before, version, "this integration", next);
    await deleteVersioned(tx.integration, { where: { id }, expected: version ?? before.version, what: "this integration", next, current: read });
    await recordAudit(tx, auditActor(actor), {
      action: "integration.delete",
      entityType: "integration",
      entityId: id,
      summary: `Deleted ${before.name}`,
      before: snapshotOf(before),
    });
  });
}
