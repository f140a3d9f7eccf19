// A worker survives its database restarting, whatever it is doing at that moment: fetching jobs,
// probing, storing results, completing jobs. Two worker processes share a run while a Postgres of
// this test's own is stopped (fast shutdown: "terminating connection due to administrator
// command") and started again three times at different points of the run. Every probe ends up
// stored exactly once, and both workers are still running at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { freePort, migrate } from "@/scripts/lib/database";
import { startWorker, type Started } from "@/scripts/lib/app-process";
import { startTcpServer, startTlsServer } from "@/lib/tls-probe/testing/servers";
import { takeConsoleErrors } from "../support/fail-on-console-error";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trb-restart-"));
const port = await freePort();
let server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: dir, port, log: () => undefined });
await migrate(server.url());
// This file's database is the one that restarts; everything below talks to it.
process.env.DATABASE_URL = server.url();
process.env.PROBE_ALLOWED_RANGES = "127.0.0.0/8";

const { db } = await import("@/lib/db");
const { makeIntegration, makeUser } = await import("../support/factories");
const { enqueueProbes } = await import("@/lib/probes/enqueue");
const { stopQueue } = await import("@/lib/jobs/queue");

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  await stopQueue();
  await db.$disconnect();
  await server.stop().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Counts from the restarting database, or null while it is down. */
async function counts(runId: string): Promise<{ done: number; open: number } | null> {
  try {
    const [row] = await db.$queryRawUnsafe<{ done: number; open: number }[]>(
      `SELECT count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status IN ('queued', 'running'))::int AS open FROM probes WHERE run_id = $1::uuid`,
      runId,
    );
    return row;
  } catch {
    return null;
  }
}

async function restart(downMs: number): Promise<void> {
  await server.stop();
  await new Promise((r) => setTimeout(r, downMs));
  server = await startEmbeddedPostgres({ dataDir: dir, port, log: () => undefined });
}

describe("a database restart in the middle of a probe run", () => {
  it("loses nothing, stores nothing twice, and leaves every worker running", async () => {
    const healthy = await startTlsServer({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3" });
    const blackHole = await startTcpServer({ behavior: "tarpit" });
    cleanup.push(() => healthy.close(), () => blackHole.close());
    const admin = await makeUser({ role: "ADMIN" });
    const rows = [];
    for (let i = 0; i < 240; i++) {
      const target = i % 20 === 0 ? blackHole : healthy;
      rows.push(await makeIntegration({ category: "outbound_callout", endpointHost: target.host, endpointPort: target.port }));
    }
    const logs: string[] = [];
    const workers: Started[] = ["one", "two"].map((name) => {
      const w = startWorker(
        {
          DATABASE_URL: server.url(),
          PROBE_ALLOWED_RANGES: "127.0.0.0/8",
          PROBE_TIMEOUT_MS: "1500",
          WORKER_CONCURRENCY: "16",
          QUEUE_JOB_EXPIRE_SECONDS: "8",
          QUEUE_RETRY_DELAY_SECONDS: "1",
          QUEUE_MAINTENANCE_SECONDS: "1",
        },
        { echo: false, name },
      );
      w.child.stdout?.on("data", (d: Buffer) => logs.push(`[${name}] ${d}`));
      w.child.stderr?.on("data", (d: Buffer) => logs.push(`[${name}] ${d}`));
      cleanup.push(() => w.stop());
      return w;
    });
    const run = await enqueueProbes(admin, { integrationIds: rows.map((r) => r.id) }, "bulk", "restart");
    const deadline = Date.now() + 180_000;
    const stillGoing = (what: string) => {
      const dead = workers.filter((w) => w.child.exitCode !== null || w.child.signalCode !== null);
      if (dead.length) throw new Error(`a worker died (${what}):\n${logs.join("").slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`timed out (${what}): ${JSON.stringify(last)}\n${logs.join("").slice(-4000)}`);
    };
    let last: { done: number; open: number } | null = null;

    // Down while the workers are starting and taking their first jobs, mid-run, and near the end.
    const total = rows.length;
    for (const [share, downMs] of [
      [0, 1500],
      [0.4, 2500],
      [0.8, 1000],
    ] as const) {
      for (;;) {
        last = await counts(run.runId);
        if (last && last.done >= share * total) break;
        stillGoing(`waiting for ${share * 100}% before a restart`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await restart(downMs);
    }

    last = await counts(run.runId);
    while (!last || last.open > 0) {
      stillGoing("waiting for the run to finish");
      await new Promise((r) => setTimeout(r, 250));
      last = await counts(run.runId);
    }

    const probes = await db.probe.findMany({ where: { runId: run.runId }, select: { id: true, integrationId: true, status: true, errorKind: true, result: true } });
    expect(probes).toHaveLength(total);
    expect(probes.filter((p) => p.status === "done" && p.result !== null)).toHaveLength(total);
    expect(probes.filter((p) => p.errorKind === "timeout")).toHaveLength(total / 20);
    // Each integration's evidence is its one probe of this run.
    const evidence = await db.integration.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true, latestProbeId: true } });
    const probeOf = new Map(probes.map((p) => [p.integrationId, p.id]));
    expect(evidence.every((i) => i.latestProbeId === probeOf.get(i.id))).toBe(true);
    // Both workers lived through it, and said why they waited rather than dying.
    expect(workers.map((w) => [w.child.exitCode, w.child.signalCode])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(logs.join("")).not.toMatch(/unhandled rejection|uncaught exception/);
    // 16 slots, each job with its own abort signal: no listener piles up on a shared one.
    expect(logs.join("")).not.toMatch(/MaxListenersExceededWarning/);
    takeConsoleErrors();
  }, 240_000);
});
