import "server-only";
import { defineQueue, sendJobs, type SqlConnection } from "@/lib/jobs/queue";

// The probe queues: one job per probe (its id is the probe's, so sending again never doubles one),
// one job per scheduled re-probe of everything, one per sweep for probes that lost their job.

export interface ProbeJob {
  probeId: string;
}

export const PROBE_QUEUE = defineQueue({
  name: "probe",
  retryLimit: 5,
  retryDelay: Number(process.env.QUEUE_RETRY_DELAY_SECONDS ?? 5),
  // A probe's lease: its timeout plus a wide margin. QUEUE_JOB_EXPIRE_SECONDS exists for tests
  // that kill a worker and wait for its jobs to come back.
  expireInSeconds: Number(process.env.QUEUE_JOB_EXPIRE_SECONDS ?? 60),
});

export const REPROBE_QUEUE = defineQueue({ name: "reprobe-all", retryLimit: 3, retryDelay: 30, expireInSeconds: 600 });

export const PROBE_SWEEP_QUEUE = defineQueue({ name: "probe-sweep", retryLimit: 0, retryDelay: 5, expireInSeconds: 120 });

/**
 * Sends one job per probe, the probe's id as the job's: sending again never duplicates one.
 * `within`: in the caller's transaction (the run and its probes are stored with their jobs).
 */
export function sendProbeJobs(probeIds: string[], within?: SqlConnection): Promise<void> {
  return sendJobs<ProbeJob>(
    PROBE_QUEUE,
    probeIds.map((probeId) => ({ id: probeId, data: { probeId } })),
    undefined,
    within,
  );
}
