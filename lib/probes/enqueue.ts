import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { isSystem } from "@/lib/auth/system-actor";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import type { ListFilters } from "@/lib/integrations/query";
import { resolveSelection } from "@/lib/integrations/selection";
import { readinessContext } from "@/lib/readiness/context";
import { toEnum } from "@/lib/tls-probe/versions";
import { sendProbeJobs } from "./probe-queue";
import { spendProbeBudget } from "./rate-limit";

/** Up to this many endpoints, a run's audit entry lists the integrations probed (beyond it, the count). */
const AUDITED_IDS = 100;

export type ProbeSelection = { integrationIds: string[] } | { filter: ListFilters };

export interface Enqueued {
  runId: string;
  probeIds: string[];
  total: number;
  /** Selected integrations without an endpoint: nothing to probe. */
  skipped: number;
}

/** Nothing selected has an endpoint: a 422 the caller can tell apart (the scheduled re-probe of an inventory without endpoints is not a failure). */
export class NothingToProbeError extends ValidationError {
  constructor(selected: { name: string }[]) {
    super(selected.length === 1 ? `${selected[0].name} has no endpoint to probe: add its host and port first.` : "None of the selected integrations has an endpoint to probe.");
  }
}

class QueueUnavailableError extends AppError {
  constructor() {
    super(503, "queue_unavailable", "The probe queue could not be reached, so nothing was queued. Try again in a moment.");
  }
}

/**
 * Queues a probe of each selected integration's endpoint, as one run. Members may probe only what
 * they own (resolveSelection: a selection with someone else's is refused whole, a filter is
 * narrowed to their own), and only so many per window (spendProbeBudget: 429). The run is audited
 * with who started it and how many endpoints it probes.
 */
export async function enqueueProbes(actor: Actor, selection: ProbeSelection, kind: "single" | "bulk" | "scheduled", label: string): Promise<Enqueued> {
  const context = await readinessContext(actor);
  const rows = await resolveSelection(actor, {
    permission: "probes.run",
    selection: "integrationIds" in selection ? { ids: selection.integrationIds } : selection,
    select: { name: true, endpointHost: true, endpointPort: true, sni: true, starttls: true },
    context,
  });
  const probeable = rows.filter((r) => r.endpointHost && r.endpointPort);
  if (probeable.length === 0) throw new NothingToProbeError(rows);
  const at = now();
  const requestedById = isSystem(actor) ? null : actor.id;
  const skipped = rows.length - probeable.length;
  // Say what was probed, not only what was asked for: integrations without an endpoint are skipped.
  const runLabel = skipped ? `${label}: ${probeable.length} with an endpoint (${skipped} without)` : label;
  const { runId, probeIds } = await db.$transaction(async (tx) => {
    await spendProbeBudget(tx, actor, probeable.length);
    const run = await tx.probeRun.create({ data: { kind, label: runLabel, total: probeable.length, requestedById, createdAt: at }, select: { id: true } });
    const probes = await tx.probe.createManyAndReturn({
      data: probeable.map((r) => ({
        integrationId: r.id,
        runId: run.id,
        requestedById,
        host: r.endpointHost!,
        port: r.endpointPort!,
        sni: r.sni,
        starttls: r.starttls,
        floor: toEnum(context.floor),
        queuedAt: at,
      })),
      select: { id: true },
    });
    await recordAudit(tx, auditActor(actor), {
      action: "probe_run.start",
      entityType: "probe_run",
      entityId: run.id,
      summary: `Started a probe run of ${probeable.length} endpoint${probeable.length === 1 ? "" : "s"}: ${runLabel}`,
      after: { kind, label: runLabel, total: probeable.length, skipped, integrationIds: probeable.length <= AUDITED_IDS ? probeable.map((r) => r.id) : undefined },
      at,
    });
    return { runId: run.id, probeIds: probes.map((p) => p.id) };
  });
  try {
    await sendProbeJobs(probeIds);
  } catch {
    await db.probe.updateMany({ where: { id: { in: probeIds }, status: "queued" }, data: { status: "cancelled", finishedAt: now() } });
    await db.probeRun.update({ where: { id: runId }, data: { cancelledAt: now() } });
    throw new QueueUnavailableError();
  }
  return { runId, probeIds, total: probeIds.length, skipped };
}

/**
 * Cancels a run's probes that have not started; running ones finish and are kept. Audited with who
 * cancelled and what remained at that moment (queued probes cancelled, running ones left to finish).
 */
export async function cancelRun(actor: Actor, runId: string): Promise<{ cancelled: number }> {
  const run = await db.probeRun.findUnique({ where: { id: runId }, select: { requestedById: true, cancelledAt: true, label: true, total: true } });
  if (!run) throw new NotFoundError("Probe run");
  // "own" for a run means the runs one started.
  assertCan(actor, "probes.cancel", { ownerId: run.requestedById });
  const at = now();
  return db.$transaction(async (tx) => {
    const { count } = await tx.probe.updateMany({ where: { runId, status: "queued" }, data: { status: "cancelled", finishedAt: at } });
    const running = await tx.probe.count({ where: { runId, status: "running" } });
    // A run with nothing left to cancel (already finished) keeps reading "Finished".
    if (count > 0 && !run.cancelledAt) await tx.probeRun.update({ where: { id: runId }, data: { cancelledAt: at } });
    const summary =
      count > 0
        ? `Cancelled ${count} of ${run.total} probes not yet started (${running} running left to finish): ${run.label}`
        : `Asked to cancel a run with nothing left to cancel (${running} running): ${run.label}`;
    await recordAudit(tx, auditActor(actor), {
      action: "probe_run.cancel",
      entityType: "probe_run",
      entityId: runId,
      summary,
      before: { queued: count, running },
      after: { cancelled: count, running },
      at,
    });
    return { cancelled: count };
  });
}
