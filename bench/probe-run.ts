// A probe run through the whole product (the API request, the queue, one worker, the results
// stored) beside the probe CLI on the same targets in the same run. Two rows of 1,000 endpoints:
// all healthy (four loopback TLS servers), and one in ten a black hole (accepts TCP, never
// answers; 5 s timeout). Then 10,000 endpoints with one in ten unreachable on one worker.
// Targets: the run within 2x of the CLI in both rows; the 10,000 in under 5 minutes.
//
//   npx tsx --conditions=react-server bench/probe-run.ts [--targets 1000] [--large 10000] [--worker-concurrency 64] [--timeout 5000]
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { createDatabase, databaseServer, dropDatabases, ensurePrismaClient, freePort, migrate } from "../scripts/lib/database";
import { buildIfStale, startNextServer, startWorker, waitForHealth, type Started } from "../scripts/lib/app-process";
import { hashSecret } from "../lib/auth/tokens";
import { startBenchEndpoints } from "../lib/tls-probe/testing/endpoints";
import { startTcpServer } from "../lib/tls-probe/testing/servers";

const root = path.resolve(import.meta.dirname, "..");

export interface ProbeRunBenchOptions {
  targets?: number;
  /** Endpoints of the large run (one in ten unreachable); 0 skips it. */
  large?: number;
  /** Worker slots; several (comma-separated) to compare. Default: the product's default. */
  workerConcurrency?: number[];
  timeoutMs?: number;
  cliConcurrency?: number;
  log?: (line: string) => void;
}

interface Target {
  host: string;
  port: number;
}

async function seed(url: string): Promise<{ token: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string }>(`INSERT INTO users (email, name, role) VALUES ('bench@example.test', 'Bench admin', 'ADMIN') RETURNING id`);
    const secret = `trb_${randomBytes(24).toString("base64url")}`;
    await c.query("INSERT INTO api_tokens (name, token_hash, prefix, user_id) VALUES ('bench', $1, $2, $3)", [hashSecret(secret), secret.slice(0, 10), rows[0].id]);
    return { token: secret };
  } finally {
    await c.end();
  }
}

/** Replaces the inventory with one integration per target, in order. */
async function setInventory(url: string, targets: Target[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("UPDATE integrations SET latest_probe_id = NULL");
    await c.query("DELETE FROM probes");
    await c.query("DELETE FROM probe_runs");
    await c.query("DELETE FROM integrations");
    await c.query(
      `INSERT INTO integrations (name, category, endpoint_host, endpoint_port, status, created_at, updated_at)
       SELECT 'endpoint ' || i, 'outbound_callout', h, p, 'in_progress', now(), now()
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS x(h, p, i)`,
      [targets.map((t) => t.host), targets.map((t) => t.port)],
    );
    await c.query("ANALYZE");
  } finally {
    await c.end();
  }
}

/** POSTs a run of every endpoint and polls it until finished: wall time from the request to the last result. */
async function timeRun(base: string, token: string): Promise<{ ms: number; total: number; done: number; failed: number }> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/probes`, { method: "POST", headers, body: JSON.stringify({ filter: { endpoint: "yes" } }) });
  if (res.status !== 202) throw new Error(`POST /api/v1/probes answered ${res.status}: ${await res.text()}`);
  const { runId: id } = (await res.json()) as { runId: string };
  for (;;) {
    const r = await fetch(`${base}/api/v1/probe-runs/${id}`, { headers });
    const p = (await r.json()) as { finished: boolean; total: number; done: number; failed: number };
    if (!r.ok) throw new Error(`GET /api/v1/probe-runs/${id} answered ${r.status}: ${JSON.stringify(p)}`);
    if (p.finished) return { ms: performance.now() - started, total: p.total, done: p.done, failed: p.failed };
    if (performance.now() - started > 15 * 60_000) throw new Error(`the run did not finish in 15 minutes: ${JSON.stringify(p)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function timeCli(file: string, concurrency: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["scripts/probe-cli.mjs", "--file", file, "--allow-private", "--concurrency", String(concurrency), "--timeout", String(timeoutMs)], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`the probe CLI exited ${code}: ${stderr}`))));
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function runProbeRunBench(opts: ProbeRunBenchOptions = {}) {
  const n = opts.targets ?? 1000;
  const large = opts.large ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const cliConcurrency = opts.cliConcurrency ?? 32;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    (opts.log ?? console.log)(line);
  };
  await ensurePrismaClient();
  const server = await databaseServer({ dataDir: ".data/bench-postgres" });
  const prefix = `trb_bench_${Date.now().toString(36)}`;
  const adminUrl = server.url(process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "postgres" : "postgres");
  const set = await startBenchEndpoints(4);
  const blackHole = await startTcpServer({ behavior: "tarpit" });
  const dir = mkdtempSync(path.join(tmpdir(), "probe-run-bench-"));
  const caFile = path.join(dir, "ca.pem");
  writeFileSync(caFile, set.caPem);
  let web: Started | null = null;
  let worker: Started | null = null;
  const figures: Record<string, number> = {};
  try {
    await createDatabase(adminUrl, `${prefix}_probes`);
    const url = server.url(`${prefix}_probes`);
    await migrate(url);
    const { token } = await seed(url);
    await buildIfStale(".next-test", (line) => say(`  ${line}`));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: base,
      PROBE_ALLOWED_RANGES: "127.0.0.0/8",
      PROBE_CA_BUNDLE: caFile,
      PROBE_TIMEOUT_MS: String(timeoutMs),
      LOG_LEVEL: "silent",
    };
    web = startNextServer(".next-test", port, env, { echo: false });
    await waitForHealth(base, web.child);

    const healthy = (i: number): Target => set.endpoints[i % set.endpoints.length].target;
    const withHoles = (i: number): Target => (i % 10 === 9 ? { host: blackHole.host, port: blackHole.port } : healthy(i));
    const scenarios = [
      { key: "healthy", label: `${n} endpoints, all healthy (4 loopback TLS servers)`, targets: Array.from({ length: n }, (_, i) => healthy(i)) },
      { key: "holes", label: `${n} endpoints, one in ten a black hole (${timeoutMs / 1000} s timeout)`, targets: Array.from({ length: n }, (_, i) => withHoles(i)) },
    ];
    say(`probe run bench: ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(2)} at the start; CLI --concurrency ${cliConcurrency}`);
    for (const concurrency of opts.workerConcurrency ?? [64]) {
      worker = startWorker({ ...env, WORKER_CONCURRENCY: String(concurrency) }, { echo: false });
      say(`one worker, WORKER_CONCURRENCY ${concurrency}:`);
      say(`  ${"".padEnd(62)} ${"run (API, queue, worker)".padEnd(26)} ${"CLI".padEnd(8)} ratio`);
      for (const sc of scenarios) {
        const file = path.join(dir, `${sc.key}.txt`);
        writeFileSync(file, `${sc.targets.map((t) => `${t.host}:${t.port}`).join("\n")}\n`);
        await setInventory(url, sc.targets);
        // Interleaved: a noisy moment on the machine hits both alike.
        const run = await timeRun(base, token);
        const cli = await timeCli(file, cliConcurrency, timeoutMs);
        if (run.done !== n) throw new Error(`the run finished with ${run.done} of ${n} probes done`);
        const ratio = run.ms / cli;
        figures[`${sc.key}_c${concurrency}_run_ms`] = Math.round(run.ms);
        figures[`${sc.key}_c${concurrency}_cli_ms`] = Math.round(cli);
        figures[`${sc.key}_c${concurrency}_ratio`] = Number(ratio.toFixed(2));
        say(`  ${sc.label.padEnd(62)} ${`${s(run.ms)} (${Math.round((n / run.ms) * 60_000)}/min)`.padEnd(26)} ${s(cli).padEnd(8)} ${ratio.toFixed(2)}x ${ratio <= 2 ? "(target ≤ 2x: met)" : "(target ≤ 2x: NOT met)"}`);
      }
      if (large > 0) {
        const targets = Array.from({ length: large }, (_, i) => withHoles(i));
        await setInventory(url, targets);
        const run = await timeRun(base, token);
        figures[`large_c${concurrency}_run_ms`] = Math.round(run.ms);
        say(
          `  ${`${large} endpoints, one in ten unreachable`.padEnd(62)} ${`${s(run.ms)} (${Math.round((large / run.ms) * 60_000)}/min)`.padEnd(26)} ${"".padEnd(8)} ${run.ms < 300_000 ? "(target < 5 min: met)" : "(target < 5 min: NOT met)"}`,
        );
      }
      await worker.stop();
      worker = null;
    }
    say(`load average at the end: ${loadavg()[0].toFixed(2)}`);
    return { lines, figures };
  } finally {
    await worker?.stop();
    await web?.stop();
    await Promise.all([set.close(), blackHole.close()]);
    rmSync(dir, { recursive: true, force: true });
    await dropDatabases(adminUrl, prefix).catch(() => undefined);
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: { targets: { type: "string" }, large: { type: "string" }, "worker-concurrency": { type: "string" }, timeout: { type: "string" } },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  await runProbeRunBench({
    targets: num(values.targets),
    large: num(values.large),
    timeoutMs: num(values.timeout),
    workerConcurrency: values["worker-concurrency"]?.split(",").map(Number),
  });
  process.exit(0);
}
