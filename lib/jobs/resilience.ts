// What a worker does when the database goes away: it waits and tries again, it does not die.
// Postgres restarts, failovers and network blips surface as a handful of error shapes; every
// queue and store call in the job host goes through retryTransient(), and the worker process
// installs guardProcess() so that an error nobody awaited is logged instead of ending it.
import { isDatabaseUnavailable } from "@/lib/errors";
import { logError } from "@/lib/log";

/** Whether an error means "the database is (briefly) unreachable", as opposed to a bug or bad data. */
export const isTransientDbError = isDatabaseUnavailable;

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });

export interface RetryOptions {
  /** What is being retried, for the log. */
  what: string;
  /** Give up after this long (ms) and throw the last error. */
  giveUpAfterMs?: number;
  /** Stop waiting (and throw the last error) when this aborts. */
  signal?: AbortSignal;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs `fn`, retrying with exponential backoff while it fails with a transient database error.
 * Any other error is thrown at once: retrying a bug only hides it.
 */
export async function retryTransient<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const started = Date.now();
  let delay = opts.firstDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const outOfTime = opts.giveUpAfterMs !== undefined && Date.now() - started + delay > opts.giveUpAfterMs;
      if (!isTransientDbError(err) || outOfTime || opts.signal?.aborted) throw err;
      if (attempt === 1 || attempt % 10 === 0) logError(`${opts.what}: the database is unavailable, retrying`, err, { attempt });
      await sleep(delay, opts.signal);
      delay = Math.min(delay * 2, opts.maxDelayMs ?? 5_000);
    }
  }
}

let guarded = false;

/**
 * A process-level guard for long-running workers: an error that escapes every handler (a
 * library's un-awaited promise, a pool's idle client dying with the server) is logged, and the
 * process lives on when it is the database going away; anything else still ends the process,
 * because its state can no longer be trusted (the demo and any supervisor restart it).
 */
export function guardProcess(onFatal: (err: unknown) => void = () => process.exit(1)): void {
  if (guarded) return;
  guarded = true;
  process.on("unhandledRejection", (reason) => {
    if (isTransientDbError(reason)) logError("database unavailable (unhandled rejection); carrying on", reason);
    else {
      logError("unhandled rejection", reason);
      onFatal(reason);
    }
  });
  process.on("uncaughtException", (err) => {
    if (isTransientDbError(err)) logError("database unavailable (uncaught exception); carrying on", err);
    else {
      logError("uncaught exception", err);
      onFatal(err);
    }
  });
}
