// The notification scan on a large board: 10,000 integrations of 50 owners, every one with open
// checklist items, a milestone 5 days ahead. The scan runs every 15 minutes on every worker, so
// its steady state (nothing new to record) matters most; the first scan records every digest.
// Baseline, in the same run: one read of the same rows through the inventory's list query (the
// least a digest has to read). Target: the steady-state scan within 5x the baseline and under 2 s.
//
//   npx tsx --conditions=react-server bench/notifications.ts [--rows 10000]
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { createDatabase, databaseServer, dropDatabases, ensurePrismaClient, migrate } from "../scripts/lib/database";
import { seed } from "./inventory";
import { median } from "./stats";

const AT = new Date("2017-02-20T09:00:00Z");

async function seedCampaign(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO campaigns (name, updated_at) VALUES ('Bench campaign', now()) RETURNING id`,
    );
    const id = rows[0].id;
    await client.query(`INSERT INTO milestones (campaign_id, name, due_at) VALUES ($1, 'Production cutoff', $2)`, [id, new Date(AT.getTime() + 5 * 86_400_000)]);
    // Three items per category, every one open.
    await client.query(
      `INSERT INTO checklist_templates (campaign_id, category, title, position, created_at, updated_at)
       SELECT $1, c, 'Item ' || n || ' of ' || c::text, n, now(), now() FROM unnest(enum_range(NULL::"IntegrationCategory")) c, generate_series(1, 3) n`,
      [id],
    );
    await client.query(
      `INSERT INTO checklist_items (template_id, campaign_id, integration_id, created_at, updated_at)
       SELECT t.id, t.campaign_id, i.id, now(), now() FROM checklist_templates t JOIN integrations i ON i.category = t.category`,
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}


export async function runNotificationsBench(opts: { rows?: number; runs?: number; log?: (s: string) => void } = {}) {
  const rows = opts.rows ?? 10_000;
  const runs = opts.runs ?? 7;
  const log = opts.log ?? console.log;
  await ensurePrismaClient();
  const server = await databaseServer({ dataDir: ".data/bench-postgres" });
  const prefix = `trb_bench_${Date.now().toString(36)}`;
  const adminUrl = server.url(process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "postgres" : "postgres");
  const name = `${prefix}_notify`;
  try {
    await createDatabase(adminUrl, name);
    const url = server.url(name);
    await migrate(url);
    await seed(url, rows);
    await seedCampaign(url);
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(import.meta.dirname, "notifications-scan.ts"), String(runs)], {
        env: { ...process.env, DATABASE_URL: url, NEXTAUTH_URL: "http://localhost:3000", LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "inherit"],
      });
      let text = "";
      child.stdout.on("data", (d) => (text += d));
      child.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`the scan process exited with ${code}`))));
    });
    const result = JSON.parse(out.trim().split("\n").at(-1)!) as { firstMs: number; recorded: number; baseline: number[]; steady: number[] };
    const b = median(result.baseline);
    const s = median(result.steady);
    const first = result.firstMs;
    log(`Notification scan, ${rows} integrations, 50 owners, ${runs} runs:`);
    log(`  baseline: one read of the owners' integrations   median ${b.toFixed(0)} ms`);
    log(`  first scan (records ${result.recorded} digests)        ${first.toFixed(0)} ms  → ${(first / b).toFixed(1)}x baseline`);
    log(`  steady-state scan (nothing new to record)       median ${s.toFixed(0)} ms  → ${(s / b).toFixed(1)}x baseline`);
    log(`  target (steady state ≤ 5x baseline and < 2 s): ${s <= 5 * b && s < 2000 ? "met" : "NOT met"}`);
    return { baselineMs: b, firstMs: first, steadyMs: s };
  } finally {
    await dropDatabases(adminUrl, prefix).catch(() => undefined);
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { rows: { type: "string" } } });
  await runNotificationsBench({ rows: values.rows ? Number(values.rows) : undefined });
  process.exit(0);
}
