import "server-only";
import { db, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { auditActor, recordAudit, type AuditActor } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { CURRENT_ITEM, ITEM_FROM, inTx, selectItems, type ChecklistItemView } from "./items";
import { evidenceProblem } from "./rules";
import type { EvidenceKind, TickInput } from "./schemas";
import { updateVersioned } from "./versioned";

interface TickTarget {
  id: string;
  campaignId: string;
  integrationId: string | null;
  integrationName: string | null;
  ownerId: string | null;
  status: string | null;
  done: boolean;
  title: string;
  evidence: EvidenceKind;
  automatic: string | null;
  current: boolean;
}

export interface TickRecord {
  item: { id: string; campaignId: string; integrationId: string | null; title: string };
  /** Whether the item was done before this tick. */
  wasDone: boolean;
  done: boolean;
  at: Date;
  by: AuditActor;
  note?: string | null;
  evidenceUrl?: string | null;
}

function summaryOf(t: Pick<TickRecord, "wasDone" | "done" | "note" | "evidenceUrl"> & { title: string }): string {
  const verb = t.done ? (t.wasDone ? "Ticked again" : "Ticked") : t.wasDone ? "Unticked" : "Left open";
  return `${verb} “${t.title}”${t.note ? `: ${t.note}` : ""}`;
}

/**
 * Records a person's tick or untick: the item's history row and the audit entry (on the
 * integration's history, or the campaign's for a campaign-wide item), in the caller's transaction.
 */
export async function recordTick(tx: Tx, t: TickRecord): Promise<void> {
  const { item } = t;
  await tx.checklistTick.create({
    data: {
      itemId: item.id,
      campaignId: item.campaignId,
      integrationId: item.integrationId,
      title: item.title,
      done: t.done,
      source: "person",
      at: t.at,
      byId: t.by.id,
      note: t.note ?? null,
      evidenceUrl: t.evidenceUrl ?? null,
    },
  });
  await recordAudit(tx, t.by, {
    action: t.done ? "checklist.tick" : "checklist.untick",
    entityType: item.integrationId ? "integration" : "campaign",
    entityId: item.integrationId ?? item.campaignId,
    summary: summaryOf({ ...t, title: item.title }),
    before: { itemId: item.id, done: t.wasDone },
    after: { itemId: item.id, title: item.title, done: t.done, note: t.note ?? null, evidenceUrl: t.evidenceUrl ?? null, source: "person" },
    at: t.at,
  });
}

/**
 * Status follows the work: the first tick moves "not started" to "in progress", recorded like any
 * edit. Blocked and retired stay as someone set them. Conditional on the status, so two first
 * ticks at once move it once.
 */
export async function startWork(tx: Tx, by: AuditActor, integration: { id: string; name: string }, at: Date): Promise<void> {
  const moved = await tx.integration.updateMany({
    where: { id: integration.id, status: "not_started" },
    data: { status: "in_progress", version: { increment: 1 }, updatedAt: at },
  });
  if (moved.count === 0) return;
  await recordAudit(tx, by, {
    action: "integration.update",
    entityType: "integration",
    entityId: integration.id,
    summary: `Changed status of ${integration.name}: work started with its first checklist tick`,
    before: { status: "not_started" },
    after: { status: "in_progress" },
    at,
  });
}

async function loadTarget(tx: Tx, itemId: string): Promise<TickTarget | undefined> {
  const [row] = await tx.$queryRawUnsafe<TickTarget[]>(
    `SELECT ci.id::text AS id, ci.campaign_id::text AS "campaignId", ci.integration_id::text AS "integrationId",
            ii.name AS "integrationName", ii.owner_id::text AS "ownerId", ii.status::text AS status, ci.done,
            t.title, t.evidence::text AS evidence, t.automatic::text AS automatic, (${CURRENT_ITEM}) AS current
       FROM ${ITEM_FROM} WHERE ci.id = $1::uuid`,
    itemId,
  );
  return row;
}

/**
 * Ticks or unticks one item, made against its `version`. Owners tick the items of integrations
 * they own, admins any (campaign-wide items too), managers none. A verification item needs its
 * evidence (422 naming the field); a stale version gets 409 with the item as it is now; an
 * automatic item is left to its probe.
 */
export async function tickItem(actor: Actor, itemId: string, input: TickInput): Promise<ChecklistItemView> {
  return db.$transaction(async (tx) => {
    const target = await loadTarget(tx, itemId);
    if (!target) throw new NotFoundError("Checklist item");
    assertCan(actor, "checklists.tick", { ownerId: target.ownerId });
    const current = async () => (await selectItems(inTx(tx), "ci.id = $1::uuid", [itemId]))[0];
    if (!target.current) {
      throw new ConflictError(`“${target.title}” is no longer on this checklist (an admin retired it, or the integration changed category).`, await current());
    }
    if (target.automatic) {
      throw new ValidationError(`“${target.title}” is ticked by a probe of the endpoint, not by hand: run a probe instead.`, {
        done: "is set by a probe of the endpoint, not by hand",
      });
    }
    const missing = evidenceProblem(target, input);
    if (missing) throw new ValidationError(missing.message, missing.fields);

    const at = now();
    const note = input.note ?? null;
    const evidenceUrl = input.done ? (input.evidenceUrl ?? null) : null;
    await updateVersioned({
      update: () =>
        tx.checklistItem.updateMany({
          where: { id: itemId, version: input.version },
          data: {
            done: input.done,
            doneAt: input.done ? at : null,
            doneById: input.done ? actor.id : null,
            doneByProbeId: null,
            note,
            evidenceUrl,
            version: { increment: 1 },
            updatedAt: at,
          },
        }),
      current,
      message: `Someone else ticked or unticked “${target.title}” since you loaded it. This is how it stands now; tick again if you still mean to.`,
    });
    const by = auditActor(actor);
    const item = { id: target.id, campaignId: target.campaignId, integrationId: target.integrationId, title: target.title };
    await recordTick(tx, { item, wasDone: target.done, done: input.done, at, by, note, evidenceUrl });
    if (input.done && target.integrationId && target.status === "not_started") {
      await startWork(tx, by, { id: target.integrationId, name: target.integrationName ?? "" }, at);
    }
    return (await current())!;
  });
}
