import "server-only";
import { logError, logInfo } from "@/lib/log";
import { jobHandlers, schedules, type CatalogOptions } from "./catalog";
import { JobPool, type JobEvent } from "./pool";
import { startWorkerQueue } from "./queue";
import { retryTransient } from "./resilience";
import { Scheduler } from "./scheduler";

export interface Worker {
  stop(): Promise<void>;
}

export interface WorkerOptions extends CatalogOptions {
  url: string;
  /** Told of every job's outcome (tests; logs). */
  observe?: (event: JobEvent) => void;
  /** Fire schedules (default true); tests that count jobs switch it off. */
  schedules?: boolean;
}

/**
 * A worker: one pool per named job (lib/jobs/catalog.ts), fed continuously from the queue, plus
 * the scheduler. Used by `npm run worker` and by the tests, which run several in one process to
 * show they share a queue. Waits for the database if it is not up yet.
 */
export async function startWorker(opts: WorkerOptions): Promise<Worker> {
  const boss = await retryTransient(() => startWorkerQueue(opts.url), { what: "starting the job queue", maxDelayMs: 10_000 });
  const pools = jobHandlers(opts).map((handler) => new JobPool(boss, handler, opts.observe));
  for (const pool of pools) pool.start();
  const scheduler = opts.schedules === false ? null : new Scheduler(boss, schedules());
  scheduler?.start();
  logInfo("job host started", { queues: jobHandlers(opts).map((h) => `${h.queue.name}×${h.concurrency}`).join(", ") });
  return {
    async stop() {
      await scheduler?.stop();
      await Promise.all(pools.map((p) => p.stop()));
      await boss.stop({ graceful: false, wait: true }).catch((err) => logError("the job queue did not stop cleanly", err));
    },
  };
}
