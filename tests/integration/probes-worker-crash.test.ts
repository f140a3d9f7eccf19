// A worker killed in the middle of a run loses nothing: its jobs come back once their lease
// expires, another worker finishes them, and each result is stored once.
import { afterAll, describe, expect, it } from "vitest";
import { startTcpServer } from "@/lib/tls-probe/testing/servers";
import { startWorker } from "@/scripts/lib/app-process";
import { makeIntegration, makeUser } from "../support/factories";

// Short leases so the test does not wait a minute; set before the queue module is loaded.
process.env.QUEUE_JOB_EXPIRE_SECONDS = "3";
process.env.QUEUE_RETRY_DELAY_SECONDS = "1";
process.env.QUEUE_MAINTENANCE_SECONDS = "1";
process.env.PROBE_ALLOWED_RANGES = "127.0.0.0/8";
process.env.PROBE_TIMEOUT_MS = "1500";

const { db } = await import("@/lib/db");
const { enqueueProbes } = await import("@/lib/probes/enqueue");
const { runProgress } = await import("@/lib/probes/read");
const { startWorker: startWorkerHere } = await import("@/lib/jobs/host");
const { stopQueue } = await import("@/lib/jobs/queue");

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("a worker killed mid-run", () => {
  it("has its probes finished by another worker, each stored once", async () => {
    // A tarpit holds the first worker's probes open (its timeout is long), so it dies mid-probe.
    const tarpit = await startTcpServer({ behavior: "tarpit" });
    cleanup.push(() => tarpit.close());
    const admin = await makeUser({ role: "ADMIN" });
    const rows = await Promise.all(Array.from({ length: 3 }, () => makeIntegration({ category: "outbound_callout", endpointHost: tarpit.host, endpointPort: tarpit.port })));

    const doomed = startWorker(
      { DATABASE_URL: process.env.DATABASE_URL, PROBE_TIMEOUT_MS: "60000", PROBE_ALLOWED_RANGES: "127.0.0.0/8", QUEUE_MAINTENANCE_SECONDS: "1", LOG_LEVEL: "silent" },
      { echo: false, name: "doomed" },
    );
    cleanup.push(() => doomed.stop());
    const run = await enqueueProbes(admin, { integrationIds: rows.map((r) => r.id) }, "bulk", "three");
    await until(async () => (await db.probe.count({ where: { runId: run.runId, status: "running" } })) === 3, 30_000, "the first worker to take every probe");
    doomed.child.kill("SIGKILL");
    await new Promise((r) => doomed.child.once("exit", r));

    const survivor = await startWorkerHere({ url: process.env.DATABASE_URL!, probeConcurrency: 4, schedules: false });
    cleanup.push(async () => {
      await survivor.stop();
      await stopQueue();
    });
    await until(async () => (await runProgress(admin, run.runId)).finished, 60_000, "the run to finish");
    const probes = await db.probe.findMany({ where: { runId: run.runId } });
    expect(probes.map((p) => [p.status, p.errorKind, p.attempts])).toEqual([
      ["done", "timeout", 2],
      ["done", "timeout", 2],
      ["done", "timeout", 2],
    ]);
    for (const r of rows) {
      const integration = await db.integration.findUniqueOrThrow({ where: { id: r.id } });
      expect(probes.map((p) => p.id)).toContain(integration.latestProbeId);
    }
  }, 120_000);
});
