// What the run page shows while a run goes on: its progress (GET /api/v1/probe-runs/:id, which the
// page polls) moves steadily from 0 to the total, never backwards and never in a few big jumps,
// because results are stored in small batches as slots finish rather than all at the end.
import { afterAll, describe, expect, it } from "vitest";
import { startTlsServer } from "@/lib/tls-probe/testing/servers";

process.env.PROBE_ALLOWED_RANGES = "127.0.0.0/8";
process.env.PROBE_TIMEOUT_MS = "3000";

const { db } = await import("@/lib/db");
const { makeToken, makeUser } = await import("../support/factories");
const { call } = await import("../support/api");
const { POST: probesRoute } = await import("@/app/api/v1/probes/route");
const { GET: runRoute } = await import("@/app/api/v1/probe-runs/[id]/route");
const { startWorker } = await import("@/lib/jobs/host");
const { stopQueue } = await import("@/lib/jobs/queue");

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await stopQueue();
});

describe("a run's progress", () => {
  it("moves steadily: many distinct, increasing counts between 0 and the total", async () => {
    const server = await startTlsServer({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3" });
    cleanup.push(() => server.close());
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const total = 300;
    const rows = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO integrations (name, category, endpoint_host, endpoint_port, status, created_at, updated_at)
       SELECT 'steady ' || i, 'outbound_callout', $1, $2, 'in_progress', now(), now() FROM generate_series(1, $3::int) AS i
       RETURNING id::text AS id`,
      server.host,
      server.port,
      total,
    );
    const posted = await call(probesRoute, { method: "POST", token, body: { integrationIds: rows.map((r) => r.id) } });
    expect(posted.status).toBe(202);
    const runId: string = posted.json.runId;

    const worker = await startWorker({ url: process.env.DATABASE_URL!, probeConcurrency: 8, schedules: false });
    cleanup.push(() => worker.stop());
    const seen: number[] = [];
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await call(runRoute, { token, params: { id: runId } });
      expect(res.status).toBe(200);
      seen.push(res.json.done);
      if (res.json.finished) break;
      if (Date.now() > deadline) throw new Error(`the run did not finish: ${JSON.stringify(res.json)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.at(-1)).toBe(total);
    // Never backwards.
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1])).toBe(true);
    // Many distinct counts on the way, and no jump of more than a fifth of the run at once.
    const between = new Set(seen.filter((v) => v > 0 && v < total));
    expect(between.size, `counts seen: ${seen.join(" ")}`).toBeGreaterThanOrEqual(10);
    const jumps = seen.slice(1).map((v, i) => v - seen[i]);
    expect(Math.max(...jumps), `counts seen: ${seen.join(" ")}`).toBeLessThanOrEqual(total / 5);
  }, 120_000);
});
