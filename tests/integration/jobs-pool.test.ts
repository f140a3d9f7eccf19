// The job host against the real queue: a slow job holds its own slot and no other, and schedules
// fire once however many workers run them, on the app's clock.
import { afterAll, describe, expect, it } from "vitest";
import { startTcpServer, startTlsServer } from "@/lib/tls-probe/testing/servers";

process.env.PROBE_ALLOWED_RANGES = "127.0.0.0/8";
const TIMEOUT_MS = 3000;
process.env.PROBE_TIMEOUT_MS = String(TIMEOUT_MS);
// The demo's clock: schedules must follow it, not real time.
process.env.APP_CLOCK_START = "2017-02-20T09:00:00Z";

const { makeIntegration, makeUser } = await import("../support/factories");
const { db } = await import("@/lib/db");
const { now } = await import("@/lib/clock");
const { enqueueProbes } = await import("@/lib/probes/enqueue");
const { runProgress } = await import("@/lib/probes/read");
const { startWorker } = await import("@/lib/jobs/host");
const { defineQueue, sendJobs, startWorkerQueue, stopQueue } = await import("@/lib/jobs/queue");
const { JobPool } = await import("@/lib/jobs/pool");
const { Scheduler, jobIdFor } = await import("@/lib/jobs/scheduler");
const { latestSlot } = await import("@/lib/jobs/schedule");

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await stopQueue();
});

describe("a worker's slots", () => {
  it("keep probing while black holes wait out their timeout: a run takes about (black holes / slots) x timeout", async () => {
    const healthy = await startTlsServer({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3" });
    const blackHole = await startTcpServer({ behavior: "tarpit" });
    cleanup.push(() => healthy.close(), () => blackHole.close());
    const admin = await makeUser({ role: "ADMIN" });
    // 48 endpoints, every 12th a black hole: 4 of them, as many as the worker has slots.
    const rows = [];
    for (let i = 0; i < 48; i++) {
      const server = i % 12 === 0 ? blackHole : healthy;
      rows.push(await makeIntegration({ category: "outbound_callout", endpointHost: server.host, endpointPort: server.port }));
    }
    const run = await enqueueProbes(admin, { integrationIds: rows.map((r) => r.id) }, "bulk", "black holes");
    const started = Date.now();
    const worker = await startWorker({ url: process.env.DATABASE_URL!, probeConcurrency: 4, schedules: false });
    cleanup.push(() => worker.stop());

    // While the first black holes hold their slots, the other slots go on with healthy endpoints.
    // A worker that waited for whole batches would have 3 done at this point (the first batch's
    // healthy endpoints), and nothing more until the first timeout ended.
    await new Promise((r) => setTimeout(r, TIMEOUT_MS * 0.75 - (Date.now() - started)));
    const early = await runProgress(admin, run.runId);
    expect(early.done).toBeGreaterThanOrEqual(10);

    let progress = early;
    while (!progress.finished) {
      await new Promise((r) => setTimeout(r, 100));
      progress = await runProgress(admin, run.runId);
    }
    const elapsed = Date.now() - started;
    expect(progress).toMatchObject({ total: 48, done: 48, outcomes: { unreachable: 4 } });
    // 4 black holes over 4 slots cost one timeout; batches of 4 would have cost four.
    expect(elapsed).toBeLessThan(2 * TIMEOUT_MS);
  }, 60_000);
});

describe("a busy pool's refills", () => {
  const REFILL_QUEUE = defineQueue({ name: "test-refill", retryLimit: 1, retryDelay: 1, expireInSeconds: 60 });

  it("fetch for several freed slots at once, run every job once, and leave unstarted jobs in the queue on stop", async () => {
    const boss = await startWorkerQueue(process.env.DATABASE_URL!);
    cleanup.push(() => boss.stop({ graceful: false, wait: true }));
    const total = 600;
    await sendJobs(REFILL_QUEUE, Array.from({ length: total }, (_, i) => ({ data: { n: i } })), boss);

    // Count the queue round trips the pool makes (the real fetch still runs).
    const fetches: number[] = [];
    const fetch = boss.fetch.bind(boss) as (name: string, opts: object) => Promise<{ id: string }[]>;
    Object.assign(boss, {
      fetch: async (name: string, opts: object) => {
        const jobs = await fetch(name, opts);
        if (name === REFILL_QUEUE.name && jobs.length) fetches.push(jobs.length);
        return jobs;
      },
    });
    const ran: number[] = [];
    let stopAfter = Infinity;
    let stopped: () => void = () => undefined;
    const reachedStop = new Promise<void>((r) => (stopped = r));
    // Jobs of 5 to 25 ms: slots free a few milliseconds apart, as probes of healthy endpoints do.
    const pool = new JobPool(boss, {
      queue: REFILL_QUEUE,
      concurrency: 32,
      async run({ n }: { n: number }) {
        await new Promise((r) => setTimeout(r, 5 + ((n * 7) % 23)));
        ran.push(n);
        if (ran.length >= stopAfter) stopped();
      },
    });
    stopAfter = total / 2;
    pool.start();
    await reachedStop;
    await pool.stop();

    // Every job that ran ran once; the rest wait in the queue for another worker, untouched.
    expect(new Set(ran).size).toBe(ran.length);
    const states = await db.$queryRawUnsafe<{ state: string; n: number }[]>(
      "SELECT state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state ORDER BY state",
      REFILL_QUEUE.name,
    );
    const byState = Object.fromEntries(states.map((r) => [r.state, r.n]));
    expect(byState.completed).toBe(ran.length);
    expect(byState.active ?? 0).toBe(0);
    expect((byState.created ?? 0) + (byState.retry ?? 0)).toBe(total - ran.length);
    // Refilled in batches: a fetch waits (up to 10 ms) for an eighth of the slots (4) to free,
    // where one fetch per freed slot would often take 1 to 3 jobs at a time.
    const fetched = fetches.reduce((a, b) => a + b, 0);
    expect(fetched).toBeGreaterThanOrEqual(ran.length);
    expect(fetches.filter((n) => n < 4).length, `jobs per fetch: ${fetches.join(" ")}`).toBeLessThanOrEqual(Math.ceil(fetches.length * 0.05));
  }, 60_000);
});

describe("schedules", () => {
  const TEST_QUEUE = defineQueue({ name: "test-scheduled", retryLimit: 0, retryDelay: 1, expireInSeconds: 60 });
  const cadence = { everyMinutes: 24 * 60, offsetMinutes: 0 };
  const spec = { name: "test-daily", queue: TEST_QUEUE, cadence: async () => cadence };
  const jobs = () => db.$queryRawUnsafe<{ id: string; data: { slot: string } }[]>("SELECT id::text AS id, data FROM pgboss.job WHERE name = $1", TEST_QUEUE.name);

  it("fire each slot of the app's clock once, however many workers look at it", async () => {
    const bosses = await Promise.all([startWorkerQueue(process.env.DATABASE_URL!), startWorkerQueue(process.env.DATABASE_URL!)]);
    cleanup.push(() => Promise.all(bosses.map((b) => b.stop({ graceful: false, wait: true }))));
    const schedulers = bosses.map((b) => new Scheduler(b, [spec]));

    // First sight: the current slot is recorded, not fired (as cron would not fire the past).
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(await jobs()).toEqual([]);
    const [row] = await db.jobSchedule.findMany({ where: { name: spec.name } });
    const slot = latestSlot(cadence, now());
    expect(row.lastSlot.toISOString()).toBe(slot.toISOString());
    expect(slot.toISOString()).toBe("2017-02-20T00:00:00.000Z");

    // The day ends (the worker was down when it did): both look at once, one job is sent.
    await db.jobSchedule.update({ where: { name: spec.name }, data: { lastSlot: new Date(slot.getTime() - 86_400_000) } });
    await Promise.all(schedulers.map((s) => s.tick()));
    await Promise.all(schedulers.map((s) => s.tick()));
    const sent = await jobs();
    expect(sent).toEqual([{ id: jobIdFor(`${spec.name}@${slot.toISOString()}`), data: { slot: slot.toISOString() } }]);
  });
});
