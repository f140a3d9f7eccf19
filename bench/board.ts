// The checklist board at scale: 10,000 integrations with six items each (inserted with SQL), 5
// concurrent clients, the median and p95 of `GET /api/v1/board` and of the rendered /board page,
// beside /api/health in the same run. Targets: the API's p95 within 5x health, the page's p95
// under 300 ms.
//
//   npm run bench -- board        (or: npx tsx --conditions=react-server bench/board.ts)
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { createDatabase, databaseServer, dropDatabases, ensurePrismaClient, freePort, migrate } from "../scripts/lib/database";
import { buildIfStale, startNextServer, waitForHealth } from "../scripts/lib/app-process";
import { load, type LoadResult } from "./http-load";
import { wrkAvailable, wrkLoad } from "./wrk";
import { seed as seedInventory } from "./inventory";

const ITEMS_PER_CATEGORY = 6;

/** The inventory's 10,000 rows, a campaign with six templates per category, and every item (some ticked). */
export async function seedBoard(url: string, rows: number) {
  const inventory = await seedInventory(url, rows);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query<{ id: string }>("SELECT id FROM campaigns ORDER BY created_at LIMIT 1");
    const campaignId =
      existing.rows[0]?.id ??
      (await client.query<{ id: string }>(`INSERT INTO campaigns (name, floor_protocol) VALUES ('Bench campaign', 'TLSv1.1') RETURNING id`)).rows[0].id;
    await client.query(
      `INSERT INTO milestones (campaign_id, name, due_at) SELECT $1::uuid, 'Production cutoff', '2017-03-04T17:30:00Z' WHERE NOT EXISTS (SELECT 1 FROM milestones WHERE campaign_id = $1::uuid)`,
      [campaignId],
    );
    // Six bench templates per category, the last a verification item needing a note, plus two campaign-wide ones.
    await client.query(
      `INSERT INTO checklist_templates (campaign_id, category, title, required, verification, evidence, position, created_at, updated_at)
       SELECT $1::uuid, c, 'Bench step ' || n, true, n = ${ITEMS_PER_CATEGORY}, CASE WHEN n = ${ITEMS_PER_CATEGORY} THEN 'note' ELSE 'none' END::"ChecklistEvidence", 100 + n, now(), now()
         FROM unnest(enum_range(NULL::"IntegrationCategory")) c, generate_series(1, ${ITEMS_PER_CATEGORY}) n
       UNION ALL
       SELECT $1::uuid, NULL, 'Bench campaign step ' || n, true, false, 'none', 100 + n, now(), now() FROM generate_series(1, 2) n`,
      [campaignId],
    );
    // Every integration gets its category's bench items; integration i has (i mod 7) of them done.
    await client.query(
      `INSERT INTO checklist_items (template_id, campaign_id, integration_id, done, done_at, note, created_at, updated_at)
       SELECT t.id, t.campaign_id, i.id, d.done, CASE WHEN d.done THEN now() END, CASE WHEN d.done AND t.verification THEN 'checked in Login History' END, now(), now()
         FROM integrations i
         JOIN checklist_templates t ON t.category = i.category AND t.campaign_id = $1::uuid AND t.title LIKE 'Bench step %'
         CROSS JOIN LATERAL (SELECT (substring(t.title from '\\d+$')::int <= (abs(hashtext(i.id::text)) % 7)) AS done) d
       UNION ALL
       SELECT t.id, t.campaign_id, NULL, false, NULL, NULL, now(), now() FROM checklist_templates t WHERE t.campaign_id = $1::uuid AND t.category IS NULL
       ON CONFLICT DO NOTHING`,
      [campaignId],
    );
    await client.query("ANALYZE");
    const { rows: counts } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM checklist_items WHERE integration_id IS NOT NULL");
    return { ...inventory, items: counts[0].n };
  } finally {
    await client.end();
  }
}

const fmt = (r: LoadResult) => `median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms (${r.requests} requests${r.errors ? `, ${r.errors} errors` : ""})`;

export async function runBoardBench(opts: { rows?: number; requests?: number; seconds?: number; log?: (s: string) => void } = {}) {
  const rows = opts.rows ?? 10_000;
  const log = opts.log ?? console.log;
  await ensurePrismaClient();
  const server = await databaseServer({ dataDir: ".data/bench-postgres" });
  const prefix = `trb_bench_${Date.now().toString(36)}`;
  const adminUrl = server.url(process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "postgres" : "postgres");
  let web: Awaited<ReturnType<typeof startNextServer>> | null = null;
  try {
    await createDatabase(adminUrl, `${prefix}_board`);
    const url = server.url(`${prefix}_board`);
    await migrate(url);
    const { token, adminId, items } = await seedBoard(url, rows);
    await buildIfStale(".next-test", (s) => log(`  ${s}`));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const secret = randomBytes(32).toString("base64url");
    web = startNextServer(".next-test", port, { DATABASE_URL: url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, DATABASE_POOL_SIZE: "10" }, { echo: false });
    await waitForHealth(base, web.child);
    const cookie = `next-auth.session-token=${await encode({ token: { uid: adminId, sv: 0 }, secret })}`;
    const clients = Number(process.env.BENCH_CLIENTS ?? 5);
    const native = wrkAvailable();
    const measure = (target: string, headers?: Record<string, string>) =>
      native ? wrkLoad(target, { connections: clients, seconds: opts.seconds ?? 10, headers }) : load(target, { clients, requests: opts.requests ?? 300, headers });
    log(`Load: ${native ? "wrk (a native process)" : "the built-in JS generator (install wrk for steadier figures)"}, ${clients} concurrent clients.`);
    const health = await measure(`${base}/api/health`);
    const api = await measure(`${base}/api/v1/board?pageSize=50`, { authorization: `Bearer ${token}` });
    const apiOpen = await measure(`${base}/api/v1/board?category=api&open=true&verdict=unverified&pageSize=50`, { authorization: `Bearer ${token}` });
    const page = await measure(`${base}/board`, { cookie });
    const health2 = await measure(`${base}/api/health`);
    const baseline = health.p95Ms <= health2.p95Ms ? health : health2;
    log(`Board, ${rows} integrations with ${items} items, ${clients} concurrent clients:`);
    log(`  /api/health (baseline)              ${fmt(baseline)}`);
    log(`  API /api/v1/board (page of 50)      ${fmt(api)}  → p95 ${(api.p95Ms / baseline.p95Ms).toFixed(1)}x health`);
    log(`  API, filtered (api, open, verdict)  ${fmt(apiOpen)}  → p95 ${(apiOpen.p95Ms / baseline.p95Ms).toFixed(1)}x health`);
    log(`  rendered page /board                ${fmt(page)}  → p95 ${(page.p95Ms / baseline.p95Ms).toFixed(1)}x health`);
    log(`  target (API p95 ≤ 5x health): ${api.p95Ms <= 5 * baseline.p95Ms && apiOpen.p95Ms <= 5 * baseline.p95Ms ? "met" : "NOT met"}`);
    log(`  target (page p95 < 300 ms): ${page.p95Ms < 300 ? "met" : "NOT met"}`);
    return { healthP95: baseline.p95Ms, apiP95: api.p95Ms, apiOpenP95: apiOpen.p95Ms, pageP95: page.p95Ms };
  } finally {
    await web?.stop();
    await dropDatabases(adminUrl, prefix).catch(() => undefined);
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await runBoardBench();
