import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { can, canAny, ownerScope, type Actor } from "@/lib/auth/permissions";
import { isSystem } from "@/lib/auth/system-actor";
import { AppError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { idsMatching, type ListFilters } from "@/lib/integrations/query";
import { currentJudgement } from "@/lib/readiness/judgement";
import { toEnum } from "@/lib/tls-versions";
import { sendProbeJobs } from "./probe-queue";

export type ProbeSelection = { integrationIds: string[] } | { filter: ListFilters };

export interface Enqueued {
  runId: string;
  probeIds: string[];
  total: number;
  /** Selected integrations without an endpoint: nothing to probe. */
  skipped: number;
}


class QueueUnavailableError extends AppError {
  constructor() {
    super(503, "queue_unavailable", "The probe queue could not be reached, so nothing was queued. Try again in a moment.");
  }
}

/**
 * Queues a probe of each selected integration's endpoint, as one run. Members may probe only what
 * they own: a selection with someone else's is refused whole, a filter is narrowed to their own.
 */
export async function enqueueProbes(actor: Actor, selection: ProbeSelection, kind: "single" | "bulk" | "scheduled", label: string): Promise<Enqueued> {
  if (!canAny(actor, "probes.run")) throw new ForbiddenError("Your role may not run probes.");
  const scope = ownerScope(actor, "probes.run") ?? {};
  const judgement = await currentJudgement(actor);
  const ids = "integrationIds" in selection ? selection.integrationIds : await idsMatching(selection.filter, actor, judgement, scope.ownerId);
  const rows = await db.integration.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, ownerId: true, endpointHost: true, endpointPort: true, sni: true, starttls: true },
  });
  if ("integrationIds" in selection) {
    const missing = new Set(ids).size - rows.length;
    if (missing > 0 && ids.length === 1) throw new NotFoundError("Integration");
    // Refused whole, like a selection with someone else's: probing only part would mislead.
    if (missing > 0) {
      throw new AppError(404, "not_found", `${missing} of the ${new Set(ids).size} selected integrations no longer exist (deleted since they were selected?). Nothing was queued; reload the list and select again.`);
    }
    const foreign = rows.filter((r) => scope.ownerId && r.ownerId !== scope.ownerId);
    if (foreign.length) {
      throw new ForbiddenError(
        foreign.length === rows.length && rows.length === 1
          ? "As a member you may probe only integrations you own."
          : `You may probe only integrations you own; ${foreign.length} of the selected belong to someone else.`,
      );
    }
  }
  const probeable = rows.filter((r) => r.endpointHost && r.endpointPort);
  if (probeable.length === 0) {
    throw new ValidationError(
      rows.length === 1 ? `${rows[0].name} has no endpoint to probe: add its host and port first.` : "None of the selected integrations has an endpoint to probe.",
    );
  }
  const at = now();
  const requestedById = isSystem(actor) ? null : actor.id;
  const skipped = rows.length - probeable.length;
  // Say what was probed, not only what was asked for: integrations without an endpoint are skipped.
  const runLabel = skipped ? `${label}: ${probeable.length} with an endpoint (${skipped} without)` : label;
  const { runId, probeIds } = await db.$transaction(async (tx) => {
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
        floor: toEnum(judgement.floor),
        queuedAt: at,
      })),
      select: { id: true },
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
