// Inventory list latency: 10,000 integrations, 5 concurrent clients, the median and p95 of a
// filtered, sorted list page (JSON API and rendered page) beside /api/health in the same run.
// Target: the list's p95 within 5x the health endpoint's and under 150 ms.
//
//   npx tsx --conditions=react-server bench/inventory.ts [--rows 10000] [--requests 400]
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { createDatabase, databaseServer, dropDatabases, ensurePrismaClient, freePort, migrate } from "../scripts/lib/database";
import { buildIfStale, startNextServer, waitForHealth } from "../scripts/lib/app-process";
import { hashSecret } from "../lib/auth/tokens";
import { load, type LoadResult } from "./http-load";
import { wrkAvailable, wrkLoad } from "./wrk";

const CATEGORIES = ["browser", "microsoft_email", "api", "appexchange", "support_portal", "outbound_callout", "email_relay"];
const STATUSES = ["not_started", "in_progress", "blocked", "retired"];
const WORDS = ["ERP", "billing", "sync", "portal", "relay", "SSO", "gateway", "export", "feed", "connector", "listener", "browser", "Outlook", "Java", "legacy"];

export async function seed(url: string, rows: number): Promise<{ token: string; adminId: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const users = await client.query<{ id: string }>(
      `INSERT INTO users (email, name, role) SELECT 'bench' || g || '@example.test', 'Bench user ' || g, CASE WHEN g = 1 THEN 'ADMIN'::"Role" ELSE 'MEMBER'::"Role" END
       FROM generate_series(1, 50) g RETURNING id`,
    );
    const ids = users.rows.map((r) => r.id);
    // One INSERT from arrays: 10,000 rows in well under a second.
    const values: unknown[][] = [[], [], [], [], [], [], [], [], []];
    for (let i = 0; i < rows; i++) {
      const w = (k: number) => WORDS[(i * 7 + k * 13) % WORDS.length];
      values[0].push(`${w(1)} ${w(2)} ${w(3)} ${i}`);
      values[1].push(CATEGORIES[i % CATEGORIES.length]);
      values[2].push(i % 10 === 0 ? null : ids[i % ids.length]);
      values[3].push(`Vendor ${i % 97}`);
      values[4].push(i % 3 === 0 ? `host-${i}.example.com` : null);
      values[5].push(i % 3 === 0 ? 443 : null);
      values[6].push(STATUSES[(i * 31) % STATUSES.length]);
      values[7].push(i % 5 === 0 ? `needs ${w(4)} upgrade before the cutoff` : "");
      values[8].push(new Date(Date.UTC(2016, 5, 1) + i * 60_000));
    }
    await client.query(
      `INSERT INTO integrations (name, category, owner_id, vendor, endpoint_host, endpoint_port, status, notes, created_at, updated_at)
       SELECT n, c::"IntegrationCategory", o, v, h, p, s::"IntegrationStatus", nt, t, t
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::timestamptz[]) AS x(n, c, o, v, h, p, s, nt, t)`,
      values,
    );
    await client.query("ANALYZE");
    const secret = `trb_${randomBytes(24).toString("base64url")}`;
    await client.query("INSERT INTO api_tokens (name, token_hash, prefix, user_id) VALUES ('bench', $1, $2, $3)", [hashSecret(secret), secret.slice(0, 10), ids[0]]);
    return { token: secret, adminId: ids[0] };
  } finally {
    await client.end();
  }
}

const fmt = (r: LoadResult) => `median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms (${r.requests} requests${r.errors ? `, ${r.errors} errors` : ""})`;

export async function runInventoryBench(opts: { rows?: number; requests?: number; seconds?: number; log?: (s: string) => void } = {}) {
  const rows = opts.rows ?? 10_000;
  const requests = opts.requests ?? 400;
  const log = opts.log ?? console.log;
  const lines: string[] = [];
  const say = (s: string) => {
    lines.push(s);
    log(s);
  };
  await ensurePrismaClient();
  const server = await databaseServer({ dataDir: ".data/bench-postgres" });
  const prefix = `trb_bench_${Date.now().toString(36)}`;
  const adminUrl = server.url(process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "postgres" : "postgres");
  const name = `${prefix}_inventory`;
  let web: Awaited<ReturnType<typeof startNextServer>> | null = null;
  try {
    await createDatabase(adminUrl, name);
    const url = server.url(name);
    await migrate(url);
    const { token, adminId } = await seed(url, rows);
    await buildIfStale(".next-test", (s) => log(`  ${s}`));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const secret = randomBytes(32).toString("base64url");
    web = startNextServer(".next-test", port, { DATABASE_URL: url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, DATABASE_POOL_SIZE: "10" }, { echo: false });
    await waitForHealth(base, web.child);
    const cookie = `next-auth.session-token=${await encode({ token: { uid: adminId, sv: 0 }, secret })}`;
    const filter = "category=api,browser,outbound_callout&status=not_started,in_progress&q=sync&sort=-updatedAt&page=2&pageSize=50";
    const clients = Number(process.env.BENCH_CLIENTS ?? 5);
    const native = wrkAvailable();
    const measure = (url: string, headers?: Record<string, string>) =>
      native ? wrkLoad(url, { connections: clients, seconds: opts.seconds ?? 10, headers }) : load(url, { clients, requests, headers });
    say(`Load: ${native ? "wrk (a native process)" : "the built-in JS generator (install wrk for steadier figures)"}, ${clients} concurrent clients.`);
    const health = await measure(`${base}/api/health`);
    const api = await measure(`${base}/api/v1/integrations?${filter}`, { authorization: `Bearer ${token}` });
    const page = await measure(`${base}/integrations?${filter}`, { cookie });
    const health2 = await measure(`${base}/api/health`);
    // Health measured before and after the list runs; the better of the two is the baseline.
    const baseline = health.p95Ms <= health2.p95Ms ? health : health2;
    say(`Inventory list, ${rows} integrations, ${clients} concurrent clients:`);
    say(`  /api/health (baseline)        ${fmt(baseline)}`);
    say(`  API list (filtered, sorted)   ${fmt(api)}  → p95 ${(api.p95Ms / baseline.p95Ms).toFixed(1)}x health`);
    say(`  rendered page (same filter)   ${fmt(page)}  → p95 ${(page.p95Ms / baseline.p95Ms).toFixed(1)}x health`);
    for (const [label, r] of [["API list", api], ["rendered page", page]] as const) {
      const ok = r.p95Ms < 150 && r.p95Ms <= 5 * baseline.p95Ms;
      say(`  target (p95 < 150 ms and ≤ 5x health) for the ${label}: ${ok ? "met" : "NOT met"}`);
    }
    return { lines, figures: { healthP95: baseline.p95Ms, apiMedian: api.medianMs, apiP95: api.p95Ms, pageMedian: page.medianMs, pageP95: page.p95Ms } };
  } finally {
    await web?.stop();
    await dropDatabases(adminUrl, prefix).catch(() => undefined);
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { rows: { type: "string" }, requests: { type: "string" } } });
  await runInventoryBench({ rows: values.rows ? Number(values.rows) : undefined, requests: values.requests ? Number(values.requests) : undefined });
}
