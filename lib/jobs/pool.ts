import "server-only";
import type PgBoss from "pg-boss";
import { logError } from "@/lib/log";
import { coalesce, type Coalescer } from "./coalesce";
import type { QueueSpec } from "./queue";
import { retryTransient } from "./resilience";

export interface JobContext {
  jobId: string;
  /** Aborted when the worker stops: the job should give up quickly, and is then retried elsewhere. */
  signal: AbortSignal;
  /**
   * Frees the job's slot for the next job while this one finishes its bookkeeping (a probe storing
   * its result): the slot is for the slow part. The job is still completed only when `run` resolves.
   */
  release(): void;
}

/** What a worker does with the jobs of one queue. */
export interface JobHandler<T extends object = object> {
  queue: QueueSpec;
  /** Jobs of this queue one worker runs at once. */
  concurrency: number;
  /** Returns an outcome word for observers (tests, logs); throwing fails the job, and it is retried. */
  run(data: T, ctx: JobContext): Promise<string | void>;
}

export interface JobEvent {
  queue: string;
  jobId: string;
  outcome: string;
}

/** Thrown by a job that stopped because its worker is stopping: retried elsewhere, not an error. */
export class JobAbortedError extends Error {
  constructor() {
    super("the worker is stopping; the job is left for another worker");
  }
}

const IDLE_POLL_MS = 500;
// How long a busy pool waits for more slots to free before it fetches for the ones already free.
const REFILL_WAIT_MS = 10;
// Completions wait this long for company (a batch of an eighth of the slots): one statement
// completes many jobs. A job's completion is bookkeeping; its result is already stored.
const COMPLETE_WAIT_MS = 20;
// How long completions are retried while the database is away; after that the lease runs out and
// the job comes back, which is harmless (jobs are idempotent) but slower.
const COMPLETE_GIVE_UP_MS = 10 * 60_000;

/**
 * Runs one queue's jobs with `concurrency` slots, each fed as soon as it frees: a slow job (a
 * black-hole endpoint waiting out its timeout) holds its own slot and no other. Jobs are fetched
 * only for free slots, so a stopping worker holds no job it has not started. Completions are sent
 * in batches; every queue call survives the database going away for a while.
 */
export class JobPool<T extends object> {
  /** Jobs holding a slot. */
  private active = new Map<string, AbortController>();
  /** Every job not yet finished, slot or not: a stopping pool waits for all of them. */
  private unfinished = new Set<Promise<void>>();
  private stopping = false;
  /** Called whenever a slot frees: the feeder's wait for free slots. */
  private wake: (() => void) | null = null;
  private interruptIdle: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly complete: Coalescer<string, void>;

  constructor(
    private readonly boss: PgBoss,
    private readonly handler: JobHandler<T>,
    private readonly observe?: (event: JobEvent) => void,
  ) {
    this.complete = coalesce<string, void>(
      async (ids) => {
        await retryTransient(() => this.boss.complete(this.handler.queue.name, ids), {
          what: `completing ${this.handler.queue.name} jobs`,
          giveUpAfterMs: COMPLETE_GIVE_UP_MS,
        });
        return ids.map(() => undefined);
      },
      { minBatch: Math.max(1, Math.floor(handler.concurrency / 8)), maxWaitMs: COMPLETE_WAIT_MS },
    );
  }

  start(): void {
    this.loop ??= this.feed();
  }

  /** Jobs running now. */
  get running(): number {
    return this.active.size;
  }

  /** Slots a fetch may fill now. */
  private freeSlots(): number {
    // Released jobs still finishing (results being stored) count against a generous cap, so a
    // slow database slows the intake instead of piling up work in memory.
    return Math.min(this.handler.concurrency - this.active.size, 4 * this.handler.concurrency - this.unfinished.size);
  }

  private async feed(): Promise<void> {
    const { name } = this.handler.queue;
    // Slots of a busy pool free a few milliseconds apart. One fetch per freed slot would be a
    // queue round trip (an UPDATE … SKIP LOCKED) per job; instead a pool with work in hand waits
    // up to REFILL_WAIT_MS for an eighth of its slots to free, and fills them with one fetch.
    // An idle pool, or one whose slots are all free, fetches at once.
    const refillBatch = Math.max(1, Math.floor(this.handler.concurrency / 8));
    let gathered = false;
    while (!this.stopping) {
      const free = this.freeSlots();
      if (free <= 0) {
        await this.slotsFreed(1);
        continue;
      }
      if (!gathered && free < refillBatch && this.active.size > 0) {
        gathered = true;
        await this.slotsFreed(refillBatch, REFILL_WAIT_MS);
        continue;
      }
      gathered = false;
      let jobs: PgBoss.Job<T>[] = [];
      try {
        // pg-boss's fetch returns [] when the database is unreachable; this catch is for the rest.
        jobs = await this.boss.fetch<T>(name, { batchSize: free });
      } catch (err) {
        logError(`fetching ${name} jobs failed`, err);
      }
      if (this.stopping) {
        if (jobs.length) await this.failAll(jobs.map((j) => j.id), "the worker stopped before starting it");
        break;
      }
      for (const job of jobs) this.launch(job);
      if (jobs.length < free) await this.idle();
    }
  }

  /** Resolves once `count` slots are free, after `maxMs` at most, or when the pool stops. */
  private slotsFreed(count: number, maxMs?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      if (maxMs !== undefined) timer = setTimeout(done, maxMs);
      const check = () => {
        if (this.stopping || this.freeSlots() >= count) done();
        else this.wake = check;
      };
      this.wake = check;
    });
  }

  /** Waits a poll interval for new jobs; stop() cuts it short. */
  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.interruptIdle = null;
        resolve();
      }, IDLE_POLL_MS);
      this.interruptIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private freeSlot(jobId: string): void {
    this.active.delete(jobId);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private launch(job: PgBoss.Job<T>): void {
    const controller = new AbortController();
    this.active.set(job.id, controller);
    const { name } = this.handler.queue;
    const release = () => this.freeSlot(job.id);
    const done = this.handler
      .run(job.data, { jobId: job.id, signal: controller.signal, release })
      .then(
        async (outcome) => {
          this.observe?.({ queue: name, jobId: job.id, outcome: outcome || "done" });
          await this.complete(job.id).catch((err) => logError(`could not complete ${name} job; it will be retried`, err, { jobId: job.id }));
        },
        async (err) => {
          const aborted = err instanceof JobAbortedError || controller.signal.aborted;
          if (!aborted) logError(`${name} job failed; it will be retried`, err, { jobId: job.id });
          this.observe?.({ queue: name, jobId: job.id, outcome: aborted ? "aborted" : "failed" });
          await this.failAll([job.id], aborted ? "the worker stopped while running it" : (err as Error)?.message ?? String(err));
        },
      )
      .finally(() => {
        // Counted out before the slot is freed, so the feeder sees the room both make.
        this.unfinished.delete(done);
        release();
      });
    this.unfinished.add(done);
  }

  private async failAll(ids: string[], message: string): Promise<void> {
    const { name } = this.handler.queue;
    // pg-boss takes an array of ids with data at run time; its types only list one id with data.
    const fail = this.boss.fail.bind(this.boss) as unknown as (name: string, ids: string[], data: object) => Promise<void>;
    await retryTransient(() => fail(name, ids, { message }), { what: `failing ${name} jobs`, giveUpAfterMs: 30_000 }).catch((err) =>
      logError(`could not hand ${name} jobs back; they return when their lease ends`, err, { jobIds: ids }),
    );
  }

  /** Stops taking jobs, aborts the running ones (handed back for another worker) and waits for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
    this.interruptIdle?.();
    for (const controller of this.active.values()) controller.abort();
    await Promise.all(this.unfinished);
    await this.loop;
    await this.complete.drain();
  }
}
