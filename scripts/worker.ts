// `npm run worker`: takes probe jobs from the Postgres queue and runs them, WORKER_CONCURRENCY at a
// time. Run as many as you like, on as many machines: they share the queue, no job runs twice, and
// the jobs of a worker that dies are retried by the others once their lease expires.
import "./lib/load-env";
import { ensurePrismaClient } from "./lib/database";

// The Prisma client is generated code (git-ignored): make sure it exists before anything loads it.
await ensurePrismaClient();
const { env } = await import("@/lib/env");
const { logInfo } = await import("@/lib/log");
const { startProbeWorker } = await import("@/lib/probes/worker");

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
