import "server-only";
import { logError, logInfo } from "@/lib/log";
import { readSetting } from "@/lib/settings/store";
import { executeProbe, requeueStuckProbes } from "./execute";
import { PROBE_QUEUE, REPROBE_QUEUE, startWorkerQueue, type ProbeJob } from "./queue";
import { applyReprobeSchedule, reprobeEverything } from "./schedule";
import { REPROBE_INTERVAL } from "./settings";

export interface ProbeWorker {
  stop(): Promise<void>;
}

/**
 * Takes probe jobs, `concurrency` at a time. Used by `npm run worker` and by the tests, which run
 * several in one process to show they share a queue.
 */
export async function startProbeWorker(opts: {
  url: string;
  concurrency: number;
  onProbe?: (probeId: string, outcome: "stored" | "skipped") => void;
}): Promise<ProbeWorker> {
  const boss = await startWorkerQueue(opts.url);
  const stopping = new AbortController();
  await applyReprobeSchedule(boss, await readSetting(REPROBE_INTERVAL));

  // A batch of up to `concurrency` jobs, probed in parallel. A probe never throws for network
  // reasons (every fault is a classified result); an error here is the database's, and the batch
  // is retried.
  await boss.work<ProbeJob>(PROBE_QUEUE, { batchSize: opts.concurrency, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    const outcomes = await Promise.all(
      jobs.map(async (job) => {
        const outcome = await executeProbe(job.data.probeId, stopping.signal);
        opts.onProbe?.(job.data.probeId, outcome);
        return outcome;
      }),
    );
    if (stopping.signal.aborted) throw new Error("worker stopping: jobs left for another worker");
    return outcomes;
  });

  await boss.work(REPROBE_QUEUE, async () => {
    const run = await reprobeEverything().catch((err) => {
      if ((err as { status?: number }).status === 422) return null; // nothing to probe
      throw err;
    });
    logInfo("scheduled re-probe queued", { runId: run?.runId, total: run?.total ?? 0 });
  });

  const sweeper = setInterval(() => {
    requeueStuckProbes().then(
      (n) => n && logInfo("requeued stuck probes", { count: n }),
      (err) => logError("requeue failed", err),
    );
  }, 60_000);

  return {
    async stop() {
      clearInterval(sweeper);
      stopping.abort();
      await boss.stop({ graceful: true, timeout: 10_000, wait: true }).catch(() => undefined);
    },
  };
}
