import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { logInfo } from "@/lib/log";
import { SYSTEM_ACTOR } from "@/lib/auth/system-actor";
import { readSetting } from "@/lib/settings/store";
import { JobAbortedError, type JobHandler } from "@/lib/jobs/pool";
import type { ScheduleSpec } from "@/lib/jobs/scheduler";
import { IN_PLAY_STATUSES } from "@/lib/integrations/categories";
import { enqueueProbes, NothingToProbeError, type Enqueued } from "./enqueue";
import { executeProbe } from "./execute";
import { PROBE_QUEUE, PROBE_SWEEP_QUEUE, REPROBE_QUEUE, sendProbeJobs, type ProbeJob } from "./probe-queue";
import { REPROBE_CADENCE, REPROBE_INTERVAL } from "./settings";

// The probe jobs a worker runs (registered in lib/jobs/catalog.ts): each queued probe, the
// scheduled re-probe of everything, and the sweep for probes that lost their job.

/** One probe per job; `concurrency` of them at once in each worker. */
export function probeJobHandler(concurrency: number): JobHandler<ProbeJob> {
  return {
    queue: PROBE_QUEUE,
    concurrency,
    async run({ probeId }, { signal, release }) {
      const outcome = await executeProbe(probeId, signal, release);
      // Stopped mid-probe: hand the job back so another worker probes it.
      if (signal.aborted && outcome === "skipped") throw new JobAbortedError();
      return outcome;
    },
  };
}

/** The scheduled re-probe: every endpoint of an integration still in play. */
export function reprobeEverything(): Promise<Enqueued> {
  return enqueueProbes(
    SYSTEM_ACTOR,
    { filter: { endpoint: "yes", status: [...IN_PLAY_STATUSES], category: [], verdict: [] } },
    "scheduled",
    "Scheduled re-probe of every endpoint",
  );
}

export const reprobeJobHandler: JobHandler = {
  queue: REPROBE_QUEUE,
  concurrency: 1,
  async run() {
    const run = await reprobeEverything().catch((err) => {
      if (err instanceof NothingToProbeError) return null;
      throw err;
    });
    logInfo("scheduled re-probe queued", { runId: run?.runId, total: run?.total ?? 0 });
  },
};

export const reprobeSchedule: ScheduleSpec = {
  name: "reprobe-all",
  queue: REPROBE_QUEUE,
  async cadence() {
    const interval = await readSetting(REPROBE_INTERVAL);
    return interval === "off" ? null : REPROBE_CADENCE[interval];
  },
};

// A probe still "running" this long after it started lost every worker that tried it.
const LOST_AFTER_MS = 15 * 60_000;
// A queued probe with no job this long after it was queued lost its job (a web process stopped
// between storing a run and sending its jobs).
const UNSENT_AFTER_MS = 2 * 60_000;

/**
 * Sends jobs again for queued probes that have none, and closes probes whose jobs are gone for
 * good (retries used up while the database was away) so their runs can finish. Job ids are probe
 * ids, so nothing doubles.
 */
export async function sweepProbes(): Promise<{ resent: number; closed: number }> {
  const at = now().getTime();
  const unsent = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT p.id::text AS id FROM probes p
      WHERE p.status = 'queued' AND p.queued_at < $1
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $2 AND j.id = p.id)
      LIMIT 5000`,
    new Date(at - UNSENT_AFTER_MS),
    PROBE_QUEUE.name,
  );
  if (unsent.length) await sendProbeJobs(unsent.map((p) => p.id));
  // No evidence either way: cancelled, so the run reads finished and the endpoint can be probed again.
  const closed = await db.$executeRawUnsafe(
    `UPDATE probes p SET status = 'cancelled', finished_at = $1, error_kind = 'worker_lost'
      WHERE (p.status = 'running' AND p.started_at < $2)
         OR (p.status IN ('queued', 'running') AND EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $3 AND j.id = p.id AND j.state = 'failed'))`,
    new Date(at),
    new Date(at - LOST_AFTER_MS),
    PROBE_QUEUE.name,
  );
  return { resent: unsent.length, closed };
}

export const probeSweepJobHandler: JobHandler = {
  queue: PROBE_SWEEP_QUEUE,
  concurrency: 1,
  async run() {
    const { resent, closed } = await sweepProbes();
    if (resent || closed) logInfo("probe sweep", { resent, closed });
  },
};

export const probeSweepSchedule: ScheduleSpec = {
  name: "probe-sweep",
  queue: PROBE_SWEEP_QUEUE,
  cadence: async () => ({ everyMinutes: 1, offsetMinutes: 0 }),
};
