// What a worker does when the database goes away: it waits and tries again, it does not die.
// Postgres restarts, failovers and network blips surface as a handful of error shapes; every
// queue and store call in the job host goes through retryTransient(), and the worker process
// installs guardProcess() so that an error nobody awaited is logged instead of ending it.
import { logError } from "@/lib/log";

const TRANSIENT_CODES = new Set([
  "57P01", // admin_shutdown: "terminating connection due to administrator command"
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: "the database system is starting up / shutting down"
  "08000", // connection_exception
  "08003", // connection_does_not_exist
  "08006", // connection_failure
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  "53300", // too_many_connections
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  // Prisma's driver-adapter errors for a lost or refused connection.
  "P1001",
  "P1002",
  "P1017",
  "P2024",
]);

const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Client has encountered a connection error/i,
  /Connection ended unexpectedly/i,
  /timeout exceeded when trying to connect/i,
  /Can't reach database server/i,
  /server closed the connection unexpectedly/i,
  /connect ECONNREFUSED/i,
];

/** Whether an error means "the database is (briefly) unreachable", as opposed to a bug or bad data. */
export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    if (typeof message === "string" && TRANSIENT_MESSAGES.some((re) => re.test(message))) return true;
    e = cause;
  }
  return false;
}

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
