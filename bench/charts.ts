// Charts at scale: 10,000 integrations with a year of history (creations, status changes,
// probes whose versions improve, checklist ticks), the backfill of that year into daily snapshots
// timed, then the charts API and the rendered /charts page under load beside /api/health in the
// same run. Target: the API's p95 within 5x the health endpoint's.
//
//   npm run bench -- charts            (BENCH_CHARTS_ROWS, BENCH_CHARTS_DAYS to change the size)
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { createDatabase, databaseServer, dropDatabases, ensurePrismaClient, freePort, migrate, run } from "../scripts/lib/database";
import { buildIfStale, startNextServer, waitForHealth } from "../scripts/lib/app-process";
import { load, type LoadResult } from "./http-load";
import { wrkAvailable, wrkLoad } from "./wrk";
import { seed } from "./inventory";

const DAY = 86_400_000;
const CLOCK = new Date("2017-02-20T09:00:00Z");
const VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];

/** A year of history behind the inventory bench's 10,000 integrations, written straight in SQL. */
export async function seedHistory(url: string, days: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const start = new Date(CLOCK.getTime() - days * DAY);
  try {
    const { rows: [c] } = await client.query<{ id: string }>(
      `INSERT INTO campaigns (name, floor_protocol, created_at, updated_at) VALUES ('Bench campaign', 'TLSv1.1', $1, $1) RETURNING id`,
      [start],
    );
    await client.query(`INSERT INTO milestones (campaign_id, name, due_at, created_at) VALUES ($1, 'Production cutoff', '2017-03-04T17:30:00Z', $2)`, [c.id, start]);
    // Integrations arrive over the year (scope growth), each with its creation in the audit log,
    // and every third one moves to "in progress" a few weeks later.
    await client.query(`UPDATE integrations SET created_at = $1::timestamptz + ((hashtext(id::text) & 1023) % $2) * interval '1 day' * 0.8, updated_at = created_at`, [start, days]);
    await client.query(
      `INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id, summary, after)
       SELECT i.created_at, 'bench', 'integration.create', 'integration', i.id::text, 'Added ' || i.name,
              jsonb_build_object('category', i.category, 'ownerId', i.owner_id, 'status', 'not_started', 'endpointHost', i.endpoint_host, 'endpointPort', i.endpoint_port)
         FROM integrations i`,
    );
    await client.query(
      `INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id, summary, before, after)
       SELECT least(i.created_at + interval '20 days', $1::timestamptz - interval '1 day'), 'bench', 'integration.update', 'integration', i.id::text, 'Changed status',
              '{"status":"not_started"}', jsonb_build_object('status', i.status)
         FROM integrations i WHERE i.status <> 'not_started'`,
      [CLOCK],
    );
    // Four probes per endpoint across its life, the newer ones at higher versions.
    await client.query(
      `INSERT INTO probes (integration_id, status, host, port, floor, attempts, queued_at, started_at, finished_at, handshake_version, accepts_tls10, result)
       SELECT i.id, 'done', i.endpoint_host, i.endpoint_port, 'TLSv1.1', 1, t, t, t + interval '2 seconds', v::"TlsVersion", true,
              jsonb_build_object('protocols', jsonb_build_object('TLSv1', jsonb_build_object('supported', true), 'TLSv1.1', jsonb_build_object('supported', v <> 'TLSv1'),
                'TLSv1.2', jsonb_build_object('supported', v IN ('TLSv1.2', 'TLSv1.3')), 'TLSv1.3', jsonb_build_object('supported', v = 'TLSv1.3')))
         FROM integrations i, LATERAL (SELECT n, i.created_at + (($1::timestamptz - i.created_at) * n / 4) AS t,
                                              ($2::text[])[1 + least(3, n - 1 + (hashtext(i.id::text) & 1))] AS v FROM generate_series(1, 4) n) s
        WHERE i.endpoint_host IS NOT NULL`,
      [CLOCK, VERSIONS],
    );
    await client.query(
      `UPDATE integrations i SET latest_probe_id = (SELECT p.id FROM probes p WHERE p.integration_id = i.id ORDER BY p.queued_at DESC LIMIT 1) WHERE i.endpoint_host IS NOT NULL`,
    );
    // Two checklist items per integration; the first ticked by half of them during the year.
    await client.query(
      `INSERT INTO checklist_templates (campaign_id, category, title, position, created_at, updated_at)
       SELECT $1, c::"IntegrationCategory", t, n, $2, $2 FROM unnest(enum_range(NULL::"IntegrationCategory")) c, (VALUES ('Identify the runtime', 1), ('Apply the change', 2)) x(t, n)`,
      [c.id, start],
    );
    await client.query(
      `INSERT INTO checklist_items (template_id, campaign_id, integration_id, created_at, updated_at)
       SELECT t.id, $1, i.id, i.created_at, i.created_at FROM integrations i JOIN checklist_templates t ON t.category = i.category`,
      [c.id],
    );
    await client.query(
      `WITH ticked AS (
         UPDATE checklist_items ci SET done = true, done_at = ci.created_at + interval '10 days'
           FROM checklist_templates t WHERE t.id = ci.template_id AND t.position = 1 AND (hashtext(ci.integration_id::text) & 1) = 0
         RETURNING ci.id, ci.integration_id, ci.done_at, t.title)
       INSERT INTO checklist_ticks (item_id, campaign_id, integration_id, title, done, source, at)
       SELECT id, $1, integration_id, title, true, 'person', done_at FROM ticked`,
      [c.id],
    );
    await client.query("ANALYZE");
    return c.id;
  } finally {
    await client.end();
  }
}

async function snapshotDays(url: string, campaignId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM readiness_snapshots WHERE campaign_id = $1`, [campaignId])).rows[0].n;
  } finally {
    await client.end();
  }
}

const fmt = (r: LoadResult) => `median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms (${r.requests} requests${r.errors ? `, ${r.errors} errors` : ""})`;

export async function runChartsBench(opts: { rows?: number; days?: number; requests?: number; seconds?: number; log?: (s: string) => void } = {}) {
  const rows = opts.rows ?? Number(process.env.BENCH_CHARTS_ROWS ?? 10_000);
  const days = opts.days ?? Number(process.env.BENCH_CHARTS_DAYS ?? 365);
  const log = opts.log ?? console.log;
  await ensurePrismaClient();
  const server = await databaseServer({ dataDir: ".data/bench-postgres" });
  const prefix = `trb_bench_${Date.now().toString(36)}`;
  const adminUrl = server.url("postgres");
  const name = `${prefix}_charts`;
  let web: Awaited<ReturnType<typeof startNextServer>> | null = null;
  try {
    await createDatabase(adminUrl, name);
    const url = server.url(name);
    await migrate(url);
    const { token, adminId } = await seed(url, rows);
    const campaignId = await seedHistory(url, days);
    // The backfill of that year, as an installation runs it: `npm run history:backfill`.
    const until = new Date(CLOCK.getTime() - DAY).toISOString().slice(0, 10);
    const started = performance.now();
    const out = await run("npx", ["tsx", "--conditions=react-server", "scripts/history-backfill.ts", "--campaign", campaignId, "--until", until], { env: { DATABASE_URL: url }, quiet: true });
    const backfillMs = performance.now() - started;
    const filled = await snapshotDays(url, campaignId);
    log(`Backfill: ${filled} days of ${rows} integrations in ${(backfillMs / 1000).toFixed(1)} s (${(backfillMs / Math.max(filled, 1)).toFixed(0)} ms a day, process start included).`);
    log(`  ${out.trim().split("\n").at(-1)}`);

    await buildIfStale(".next-test", (s) => log(`  ${s}`));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const secret = randomBytes(32).toString("base64url");
    web = startNextServer(".next-test", port, {
      DATABASE_URL: url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, DATABASE_POOL_SIZE: "10",
      APP_CLOCK_START: CLOCK.toISOString(), APP_CLOCK_ANCHOR: String(Date.now()),
    }, { echo: false });
    await waitForHealth(base, web.child);
    const cookie = `next-auth.session-token=${await encode({ token: { uid: adminId, sv: 0 }, secret })}`;
    const clients = Number(process.env.BENCH_CLIENTS ?? 5);
    const native = wrkAvailable();
    const measure = (u: string, headers?: Record<string, string>) =>
      native ? wrkLoad(u, { connections: clients, seconds: opts.seconds ?? 10, headers }) : load(u, { clients, requests: opts.requests ?? 300, headers });
    const auth = { authorization: `Bearer ${token}` };
    log(`Load: ${native ? "wrk (a native process)" : "the built-in JS generator"}, ${clients} concurrent clients.`);
    const health = await measure(`${base}/api/health`);
    const burndown = await measure(`${base}/api/v1/charts/burndown`, auth);
    const filtered = await measure(`${base}/api/v1/charts/burndown?category=api&owner=${adminId}`, auth);
    const owners = await measure(`${base}/api/v1/charts/by-owner`, auth);
    const page = await measure(`${base}/charts`, { cookie });
    const health2 = await measure(`${base}/api/health`);
    const baseline = health.p95Ms <= health2.p95Ms ? health : health2;
    const ratio = (r: LoadResult) => `→ p95 ${(r.p95Ms / baseline.p95Ms).toFixed(1)}x health`;
    log(`Charts, ${rows} integrations, ${filled} daily snapshots:`);
    log(`  /api/health (baseline)            ${fmt(baseline)}`);
    log(`  API burn-down                     ${fmt(burndown)}  ${ratio(burndown)}`);
    log(`  API burn-down (area and owner)    ${fmt(filtered)}  ${ratio(filtered)}`);
    log(`  API by owner                      ${fmt(owners)}  ${ratio(owners)}`);
    log(`  rendered /charts page             ${fmt(page)}  ${ratio(page)}`);
    const worst = Math.max(burndown.p95Ms, filtered.p95Ms, owners.p95Ms);
    log(`  target (API p95 ≤ 5x health): ${worst <= 5 * baseline.p95Ms ? "met" : "NOT met"}`);
    return { backfillMs, healthP95: baseline.p95Ms, apiP95: worst, pageP95: page.p95Ms };
  } finally {
    await web?.stop();
    await dropDatabases(adminUrl, prefix).catch(() => undefined);
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await runChartsBench();
