import "server-only";
import PgBoss from "pg-boss";
import { logError } from "@/lib/log";

// Background work runs as jobs in a Postgres-backed queue (pg-boss, in the database's `pgboss`
// schema). Web processes only send jobs; worker processes (npm run worker) take them through the
// job host (lib/jobs/host.ts). Any number of workers on any number of machines share the queue;
// a job whose worker dies comes back after its lease (expireInSeconds) and runs elsewhere.

/** A named queue and how its jobs are leased and retried. Declared once, beside its job. */
export interface QueueSpec {
  name: string;
  /** How often a failed or expired job is tried again before it is given up. */
  retryLimit: number;
  /** Seconds before a failed or expired job is tried again. */
  retryDelay: number;
  /**
   * A job's lease: long enough for the job (a probe's timeout plus a margin), short enough that a
   * dead worker's jobs are retried soon.
   */
  expireInSeconds: number;
}

const declared = new Map<string, QueueSpec>();

/** Declares a queue; the worker creates every declared queue when it starts. */
export function defineQueue(spec: QueueSpec): QueueSpec {
  declared.set(spec.name, spec);
  return spec;
}

/** QUEUE_* exist for tests that kill a worker and wait for its jobs to come back. */
export const MAINTENANCE_SECONDS = Number(process.env.QUEUE_MAINTENANCE_SECONDS ?? 30);

const globalForBoss = globalThis as unknown as { trbBoss?: { url: string; boss: Promise<PgBoss> } };
const ensured = new WeakMap<PgBoss, Set<string>>();

async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  const known = ensured.get(boss) ?? new Set<string>();
  ensured.set(boss, known);
  if (known.has(name)) return;
  // Another process may create it at the same moment: that is fine.
  if (!(await boss.getQueue(name))) await boss.createQueue(name).catch(() => undefined);
  known.add(name);
}

async function startBoss(url: string, role: "sender" | "worker"): Promise<PgBoss> {
  const options: PgBoss.ConstructorOptions & { connectionTimeoutMillis: number } = {
    connectionString: url,
    max: role === "worker" ? 4 : 2,
    // Maintenance (expiring leases, retrying) runs in workers; the web only sends. Cron is not
    // used: schedules follow the app's clock (lib/jobs/schedule.ts), which cron cannot.
    supervise: role === "worker",
    schedule: false,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
    application_name: `trb-${role}`,
    // A database that is down must not leave a query waiting forever.
    connectionTimeoutMillis: 10_000,
  };
  const boss = new PgBoss(options);
  // Without a listener an error event would end the process; with one it is logged and pg-boss's
  // own loops carry on once the database is back.
  boss.on("error", (err) => logError("queue error", err));
  await boss.start();
  for (const name of declared.keys()) await ensureQueue(boss, name);
  return boss;
}

/** The web process's sender, started once. */
export function queue(): Promise<PgBoss> {
  const url = process.env.DATABASE_URL ?? "";
  if (!globalForBoss.trbBoss || globalForBoss.trbBoss.url !== url) {
    globalForBoss.trbBoss = { url, boss: startBoss(url, "sender") };
    globalForBoss.trbBoss.boss.catch(() => {
      globalForBoss.trbBoss = undefined;
    });
  }
  return globalForBoss.trbBoss.boss;
}

export function startWorkerQueue(url: string): Promise<PgBoss> {
  return startBoss(url, "worker");
}

export async function stopQueue(): Promise<void> {
  const current = globalForBoss.trbBoss;
  globalForBoss.trbBoss = undefined;
  if (current) await (await current.boss).stop({ graceful: false, wait: true }).catch(() => undefined);
}

export interface OutgoingJob<T extends object> {
  /** A job id (a UUID): sending the same id again never makes a second job while the first is kept. */
  id?: string;
  data: T;
}

/** Runs pg-boss's statements on a connection of ours, e.g. inside a transaction of our own. */
export interface SqlConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Sends jobs to a queue with the queue's lease and retry settings, in chunks of 1,000 (one
 * statement each: pg-boss inserts from one JSON parameter). With `within`, the jobs are inserted
 * on that connection, so they are sent if and only if its transaction commits.
 */
export async function sendJobs<T extends object>(spec: QueueSpec, jobs: OutgoingJob<T>[], boss?: PgBoss, within?: SqlConnection): Promise<void> {
  const sender = boss ?? (await queue());
  await ensureQueue(sender, spec.name);
  const options = within ? { db: { executeSql: (text: string, values: unknown[]) => within.query(text, values) } } : {};
  for (let i = 0; i < jobs.length; i += 1000) {
    await sender.insert(
      jobs.slice(i, i + 1000).map((j) => ({
        id: j.id,
        name: spec.name,
        data: j.data,
        retryLimit: spec.retryLimit,
        retryDelay: spec.retryDelay,
        expireInSeconds: spec.expireInSeconds,
      })),
      options,
    );
  }
}
