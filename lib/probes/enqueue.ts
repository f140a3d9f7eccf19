import "server-only";
import { db, withTransaction } from "@/lib/db";
import { now } from "@/lib/clock";
import { can, type Actor } from "@/lib/auth/permissions";
import { isSystem } from "@/lib/auth/system-actor";
import { AppError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { ListFilters } from "@/lib/integrations/query";
import { resolveSelection } from "@/lib/integrations/selection";
import { readinessContext } from "@/lib/readiness/context";
import { queue } from "@/lib/jobs/queue";
import { sendProbeJobs } from "./probe-queue";

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
 * narrowed to their own).
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
  // The run, its probes and their jobs in one transaction of three set-based statements, whatever
  // the size of the run: a run of 10,000 is 10,000 rows of arrays, not 100,000 bind parameters,
  // and either all of it is queued or none (docs/decisions/0005).
  const { runId, probeIds } = await withTransaction(async (client) => {
    const { rows: runs } = await client.query<{ id: string }>(
      `INSERT INTO probe_runs (kind, label, total, requested_by_id, created_at) VALUES ($1::"ProbeRunKind", $2, $3, $4::uuid, $5) RETURNING id::text AS id`,
      [kind, runLabel, probeable.length, requestedById, at],
    );
    const runId = runs[0].id;
    const { rows: probes } = await client.query<{ id: string }>(
      `INSERT INTO probes (integration_id, run_id, requested_by_id, host, port, sni, starttls, floor, queued_at)
       SELECT t.integration_id, $1::uuid, $2::uuid, t.host, t.port, t.sni, t.starttls::"StarttlsMode", $3::"TlsVersion", $4
         FROM unnest($5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[]) AS t(integration_id, host, port, sni, starttls)
       RETURNING id::text AS id`,
      [
        runId,
        requestedById,
        context.floor,
        at,
        probeable.map((r) => r.id),
        probeable.map((r) => r.endpointHost),
        probeable.map((r) => r.endpointPort),
        probeable.map((r) => r.sni),
        probeable.map((r) => r.starttls),
      ],
    );
    const probeIds = probes.map((p) => p.id);
    await sendProbeJobs(probeIds, client);
    return { runId, probeIds };
  });
  return { runId, probeIds, total: probeIds.length, skipped };
}

/** Cancels a run's probes that have not started; running ones finish and are kept. */
export async function cancelRun(actor: Actor, runId: string): Promise<{ cancelled: number }> {
  const run = await db.probeRun.findUnique({ where: { id: runId }, select: { requestedById: true, cancelledAt: true } });
  if (!run) throw new NotFoundError("Probe run");
  if (!can(actor, "probes.cancel", { ownerId: run.requestedById })) throw new ForbiddenError("Only an admin or whoever started the run may cancel it.");
  const at = now();
  const { count } = await db.probe.updateMany({ where: { runId, status: "queued" }, data: { status: "cancelled", finishedAt: at } });
  // A run with nothing left to cancel (already finished) keeps reading "Finished".
  if (count > 0 && !run.cancelledAt) await db.probeRun.update({ where: { id: runId }, data: { cancelledAt: at } });
  return { cancelled: count };
}
