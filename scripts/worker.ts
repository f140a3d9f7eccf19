// `npm run worker`: takes probe jobs from the Postgres queue and runs them, WORKER_CONCURRENCY at a
// time. Run as many as you like, on as many machines: they share the queue, no job runs twice, and
// the jobs of a worker that dies are retried by the others once their lease expires.
import { env } from "@/lib/env";
import { logInfo } from "@/lib/log";
import { startProbeWorker } from "@/lib/probes/worker";

const config = env();
const worker = await startProbeWorker({ url: config.DATABASE_URL, concurrency: config.WORKER_CONCURRENCY });
logInfo("worker started", { concurrency: config.WORKER_CONCURRENCY });

async function shutdown(signal: string) {
  logInfo("worker stopping", { signal });
  await worker.stop();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
