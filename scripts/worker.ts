// `npm run worker`: runs the background jobs (lib/jobs/catalog.ts: probes, the scheduled re-probe,
// ...) from the Postgres queue, WORKER_CONCURRENCY probes at a time. Run as many as you like, on as
// many machines: they share the queue, no job runs twice, and the jobs of a worker that dies are
// retried by the others once their lease expires. A database restart does not end it: it waits
// and carries on.
import "./lib/load-env";
import { ensurePrismaClient } from "./lib/database";

// The Prisma client is generated code (git-ignored): make sure it exists before anything loads it.
await ensurePrismaClient();
const { env } = await import("@/lib/env");
const { logInfo } = await import("@/lib/log");
const { guardProcess } = await import("@/lib/jobs/resilience");
const { startWorker } = await import("@/lib/jobs/host");

guardProcess();
const config = env();
const worker = await startWorker({ url: config.DATABASE_URL, probeConcurrency: config.WORKER_CONCURRENCY });
logInfo("worker started", { concurrency: config.WORKER_CONCURRENCY });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logInfo("worker stopping", { signal });
  await worker.stop();
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
