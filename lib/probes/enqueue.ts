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
import { queue } from "@/lib/jobs/queue";
import { sendProbeJobs } from "./probe-queue";
import { spendProbeBudget } from "./rate-limit";

/** Up to this many endpoints, a run's audit entry lists the integrations probed (beyond it, the count). */
const AUDITED_IDS = 100;
/** Prisma's 5 s default is too short for a run of tens of thousands on a loaded database. */
const LARGE_RUN = { timeout: 60_000 };

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
  // The sender must be up before anything is stored: a run whose jobs cannot be sent is not stored.
  await queue().catch(() => {
    throw new QueueUnavailableError();
  });
  // One transaction: the member's budget, the run, its probes, their jobs and the audit entry, so
  // either all of it is queued or none. Probes and jobs are one set-based statement each whatever
  // the size of the run: 10,000 endpoints are five arrays, not 100,000 bind parameters, and queue
  // in about a second (docs/decisions/0005); the long timeout is for a loaded database.
  const { runId, probeIds } = await db.$transaction(async (tx) => {
    await spendProbeBudget(tx, actor, probeable.length);
    const run = await tx.probeRun.create({ data: { kind, label: runLabel, total: probeable.length, requestedById, createdAt: at }, select: { id: true } });
    const probes = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO probes (integration_id, run_id, requested_by_id, host, port, sni, starttls, floor, queued_at)
       SELECT t.integration_id, $1::uuid, $2::uuid, t.host, t.port, t.sni, t.starttls::"StarttlsMode", $3::"TlsVersion", $4::timestamptz
         FROM unnest($5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[]) AS t(integration_id, host, port, sni, starttls)
       RETURNING id::text AS id`,
      run.id,
      requestedById,
      context.floor,
      at,
      probeable.map((r) => r.id),
      probeable.map((r) => r.endpointHost),
      probeable.map((r) => r.endpointPort),
      probeable.map((r) => r.sni),
      probeable.map((r) => r.starttls),
    );
    const probeIds = probes.map((p) => p.id);
    await sendProbeJobs(probeIds, { query: async (text, values = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) });
    await recordAudit(tx, auditActor(actor), {
      action: "probe_run.start",
      entityType: "probe_run",
      entityId: run.id,
      summary: `Started a probe run of ${probeable.length} endpoint${probeable.length === 1 ? "" : "s"}: ${runLabel}`,
      after: { kind, label: runLabel, total: probeable.length, skipped, integrationIds: probeable.length <= AUDITED_IDS ? probeable.map((r) => r.id) : undefined },
      at,
    });
    return { runId: run.id, probeIds };
  }, LARGE_RUN);
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
