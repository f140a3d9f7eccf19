import "server-only";
import PgBoss from "pg-boss";

// Probes run as jobs in a Postgres-backed queue (pg-boss). The web process only sends jobs; worker
// processes (npm run worker) take them. Any number of workers on any number of machines share one
// queue without running a job twice; a job whose worker dies is retried after it expires.

export const PROBE_QUEUE = "probe";
export const REPROBE_QUEUE = "reprobe-all";

/**
 * A job's lease: long enough for a probe (timeout + a margin), short enough that a dead worker's
 * jobs are retried soon. QUEUE_JOB_EXPIRE_SECONDS, QUEUE_RETRY_DELAY_SECONDS and
 * QUEUE_MAINTENANCE_SECONDS exist for tests that kill a worker and wait for its jobs to come back.
 */
export const PROBE_JOB_EXPIRE_SECONDS = Number(process.env.QUEUE_JOB_EXPIRE_SECONDS ?? 60);
const MAINTENANCE_SECONDS = Number(process.env.QUEUE_MAINTENANCE_SECONDS ?? 30);

export interface ProbeJob {
  probeId: string;
}

export const PROBE_JOB_OPTIONS = {
  retryLimit: 5,
  retryDelay: Number(process.env.QUEUE_RETRY_DELAY_SECONDS ?? 5),
  expireInSeconds: PROBE_JOB_EXPIRE_SECONDS,
} as const;

const globalForBoss = globalThis as unknown as { trbBoss?: { url: string; boss: Promise<PgBoss> } };

async function startBoss(url: string, role: "sender" | "worker"): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: role === "worker" ? 4 : 2,
    // Maintenance and cron run in workers; the web only needs to send.
    supervise: role === "worker",
    schedule: role === "worker",
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
    application_name: `trb-${role}`,
  });
  boss.on("error", (err) => console.error(JSON.stringify({ level: "error", msg: "queue error", error: err.message })));
  await boss.start();
  for (const name of [PROBE_QUEUE, REPROBE_QUEUE]) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name).catch(() => undefined);
  }
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
