// A run of a whole large inventory through the API: 10,000 integrations (inserted with SQL, as a
// bulk import would leave them), one POST, 202. The run, its 10,000 probes and their 10,000 jobs
// are stored together in one transaction of set-based statements (Prisma's row-per-bind-parameter
// inserts once answered 500 here), and the run's progress answers at once. No worker runs: the
// test is about enqueueing, so every probe is still queued when it is read back.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopQueue } from "@/lib/jobs/queue";
import { PROBE_QUEUE } from "@/lib/probes/probe-queue";
import { POST as probesRoute } from "@/app/api/v1/probes/route";
import { GET as runRoute } from "@/app/api/v1/probe-runs/[id]/route";
import { call } from "../support/api";
import { makeToken, makeUser } from "../support/factories";
import { takeConsoleErrors } from "../support/fail-on-console-error";

afterAll(async () => {
  await stopQueue();
});

const N = 10_000;

async function insertIntegrations(prefix: string, ownerId: string | null): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO integrations (name, category, endpoint_host, endpoint_port, status, owner_id, created_at, updated_at)
     SELECT $1 || ' ' || i, 'outbound_callout', 'host-' || i || '.example.com', 443, 'in_progress', $2::uuid, now(), now()
       FROM generate_series(1, $3::int) AS i
     RETURNING id::text AS id`,
    prefix,
    ownerId,
    N,
  );
  return rows.map((r) => r.id);
}

describe("a probe run of 10,000 integrations", () => {
  it("is queued whole by one POST of their ids: 202, 10,000 queued probes, each with one job, and the progress answers", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const ids = await insertIntegrations("large", null);

    const res = await call(probesRoute, { method: "POST", token, body: { integrationIds: ids } });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(res.json).toMatchObject({ total: N, skipped: 0 });
    const runId: string = res.json.runId;

    const [counts] = await db.$queryRawUnsafe<{ queued: number; distinct_integrations: number; jobs: number }[]>(
      `SELECT count(*) FILTER (WHERE p.status = 'queued')::int AS queued,
              count(DISTINCT p.integration_id)::int AS distinct_integrations,
              count(j.id)::int AS jobs
         FROM probes p LEFT JOIN pgboss.job j ON j.name = $2 AND j.id = p.id
        WHERE p.run_id = $1::uuid`,
      runId,
      PROBE_QUEUE.name,
    );
    expect(counts).toEqual({ queued: N, distinct_integrations: N, jobs: N });
    // Each probe carries its integration's endpoint.
    const sample = await db.probe.findFirstOrThrow({ where: { runId, integration: { name: "large 1234" } }, select: { host: true, port: true, requestedById: true } });
    expect(sample).toEqual({ host: "host-1234.example.com", port: 443, requestedById: admin.id });

    const progress = await call(runRoute, { token, params: { id: runId } });
    expect(progress.status).toBe(200);
    expect(progress.json).toMatchObject({ total: N, done: 0, finished: false, outcomes: { queued: N } });
  }, 120_000);

  it("stores nothing when its jobs cannot be stored: no run, no probes", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const ids = await insertIntegrations("doomed", null);
    const before = await Promise.all([db.probeRun.count(), db.probe.count()]);
    // A fault in the last statement of the transaction (the jobs' insert), made by the database itself.
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_jobs() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no jobs today'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_jobs BEFORE INSERT ON pgboss.job FOR EACH ROW EXECUTE FUNCTION refuse_jobs()`);
    try {
      const res = await call(probesRoute, { method: "POST", token, body: { integrationIds: ids } });
      expect(res.status).toBe(500);
    } finally {
      await db.$executeRawUnsafe("DROP TRIGGER refuse_jobs ON pgboss.job");
      await db.$executeRawUnsafe("DROP FUNCTION refuse_jobs()");
    }
    expect(await Promise.all([db.probeRun.count(), db.probe.count()])).toEqual(before);
    takeConsoleErrors();
  }, 120_000);

  it("is queued whole by one POST of a filter", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const owner = await makeUser({ role: "MEMBER" });
    await insertIntegrations("filtered", owner.id);

    const res = await call(probesRoute, { method: "POST", token, body: { filter: { owner: owner.id } } });
    expect(res.status, JSON.stringify(res.json)).toBe(202);
    expect(res.json).toMatchObject({ total: N, skipped: 0 });
    expect(await db.probe.count({ where: { runId: res.json.runId, status: "queued" } })).toBe(N);
  }, 120_000);
});
