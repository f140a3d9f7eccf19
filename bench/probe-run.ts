// A probe run through the whole product (the API request, the queue, the worker, the results
// stored) beside the probe CLI on the same targets in the same run. Two rows of 1,000 endpoints:
// all healthy (four loopback TLS servers), and one in ten a black hole (accepts TCP, never
// answers; 5 s timeout); each row's figures are medians over --repetitions, run and CLI
// interleaved so a noisy moment hits both. Then the same rows with a second worker beside the
// first (how run time scales with workers), and 10,000 endpoints with one in ten unreachable on
// one worker. Targets: the run within 2x of the CLI in both rows; the 10,000 in under 5 minutes.
// CPU seconds of the worker(s) and of the CLI, and the load average, are printed with each row.
//
//   npm run bench -- probe-run [--repetitions 3] [--worker-concurrency 64[,128…]] [--targets 1000]
//                              [--large 10000] [--timeout 5000] [--cli-concurrency 32] [--no-scaling]
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { createDatabase, databaseServer, dropDatabases, ensurePrismaClient, freePort, migrate } from "../scripts/lib/database";
import { buildIfStale, startNextServer, startWorker, waitForHealth, type Started } from "../scripts/lib/app-process";
import { hashSecret } from "../lib/auth/tokens";
import { startBenchEndpoints } from "../lib/tls-probe/testing/endpoints";
import { startTcpServer } from "../lib/tls-probe/testing/servers";
import { cpuSeconds, timeCli } from "./process-cpu";
import { median } from "./stats";

export interface ProbeRunBenchOptions {
  targets?: number;
  /** Endpoints of the large run (one in ten unreachable); 0 skips it. */
  large?: number;
  /** Worker slots; several to compare. Default: the product's default (lib/env.ts). */
  workerConcurrency?: number[];
  /** Runs of each row; the figures are medians (default 3). */
  repetitions?: number;
  /** Also run each row with a second worker (default true). */
  scaling?: boolean;
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

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () => loadavg()[0].toFixed(2);

export async function runProbeRunBench(opts: ProbeRunBenchOptions = {}) {
  const n = opts.targets ?? 1000;
  const large = opts.large ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const cliConcurrency = opts.cliConcurrency ?? 32;
  const repetitions = Math.max(1, opts.repetitions ?? 3);
  const scaling = opts.scaling ?? true;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    (opts.log ?? console.log)(line);
  };
  await ensurePrismaClient();
  const { parseEnv } = await import("../lib/env");
  const defaultConcurrency = parseEnv({ DATABASE_URL: "postgresql://bench@localhost/bench" }).WORKER_CONCURRENCY;
  const server = await databaseServer({ dataDir: ".data/bench-postgres" });
  const prefix = `trb_bench_${Date.now().toString(36)}`;
  const adminUrl = server.url(process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "postgres" : "postgres");
  const set = await startBenchEndpoints(4);
  const blackHole = await startTcpServer({ behavior: "tarpit" });
  const dir = mkdtempSync(path.join(tmpdir(), "probe-run-bench-"));
  const caFile = path.join(dir, "ca.pem");
  writeFileSync(caFile, set.caPem);
  const workers: Started[] = [];
  const workerErrors: string[] = [];
  let web: Started | null = null;
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
    const workerCpu = () => workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid), 0);
    /** One run through the product, with the CPU seconds the workers spent on it. */
    const measuredRun = async () => {
      const cpuBefore = workerCpu();
      const run = await timeRun(base, token);
      return { ...run, cpu: workerCpu() - cpuBefore };
    };
    /** Starts or stops workers until `count` run, and waits until each has its pools going (timed runs exclude start-up). */
    const startWorkers = async (count: number, concurrency: number) => {
      while (workers.length > count) await workers.pop()!.stop();
      while (workers.length < count) {
        const worker = startWorker({ ...env, LOG_LEVEL: "info", WORKER_CONCURRENCY: String(concurrency) }, { echo: false, name: `worker ${workers.length + 1}` });
        workers.push(worker);
        // A worker's errors (a failed store, a retried fetch) would explain a slow row: kept and shown.
        worker.child.stderr?.on("data", (d: Buffer) => workerErrors.push(...String(d).split("\n").filter((l) => l.trim())));
        await new Promise<void>((resolve, reject) => {
          let out = "";
          const onData = (d: Buffer) => {
            out = (out + d).slice(-10_000);
            if (out.includes('"worker started"')) {
              worker.child.stdout?.off("data", onData);
              resolve();
            }
          };
          worker.child.stdout?.on("data", onData);
          worker.child.once("exit", (code) => reject(new Error(`a worker exited (${code}) before it started: ${out}`)));
        });
      }
    };

    say(`probe run bench: ${availableParallelism()} CPUs, load average ${load()} at the start; ${repetitions} repetition(s) per row, medians; CLI --concurrency ${cliConcurrency}`);
    const header = `  ${"".padEnd(58)} ${"run (API, queue, worker)".padEnd(26)} ${"CLI".padEnd(8)} ${"ratio".padEnd(27)} CPU s run / CLI  load`;
    for (const concurrency of opts.workerConcurrency ?? [defaultConcurrency]) {
      const oneWorker: Record<string, number> = {};
      for (const count of scaling ? [1, 2] : [1]) {
        await startWorkers(count, concurrency);
        say(`${count === 1 ? "one worker" : "two workers"}, WORKER_CONCURRENCY ${concurrency}${concurrency === defaultConcurrency ? " (the default)" : ""}:`);
        say(header);
        for (const sc of scenarios) {
          const file = path.join(dir, `${sc.key}.txt`);
          writeFileSync(file, `${sc.targets.map((t) => `${t.host}:${t.port}`).join("\n")}\n`);
          const runs: { ms: number; cpu: number }[] = [];
          const clis: { ms: number; cpu: number }[] = [];
          for (let rep = 0; rep < repetitions; rep++) {
            await setInventory(url, sc.targets);
            // Interleaved: a noisy moment on the machine hits both alike.
            const run = await measuredRun();
            if (run.done !== n) throw new Error(`the run finished with ${run.done} of ${n} probes done`);
            runs.push(run);
            clis.push(await timeCli(file, cliConcurrency, timeoutMs));
          }
          const runMs = median(runs.map((r) => r.ms));
          const cliMs = median(clis.map((c) => c.ms));
          const ratio = runMs / cliMs;
          const key = `${sc.key}_c${concurrency}_w${count}`;
          figures[`${key}_run_ms`] = Math.round(runMs);
          figures[`${key}_cli_ms`] = Math.round(cliMs);
          figures[`${key}_ratio`] = Number(ratio.toFixed(2));
          figures[`${key}_run_cpu_s`] = Number(median(runs.map((r) => r.cpu)).toFixed(1));
          figures[`${key}_cli_cpu_s`] = Number(median(clis.map((c) => c.cpu)).toFixed(1));
          const verdict = ratio <= 2 ? "(target ≤ 2x: met)" : "(target ≤ 2x: NOT met)";
          const scaled = count > 1 && oneWorker[sc.key] ? `; ${(oneWorker[sc.key] / runMs).toFixed(2)}x one worker's speed` : "";
          if (count === 1) oneWorker[sc.key] = runMs;
          say(
            `  ${sc.label.padEnd(58)} ${`${s(runMs)} (${Math.round((n / runMs) * 60_000)}/min)`.padEnd(26)} ${s(cliMs).padEnd(8)} ${`${ratio.toFixed(2)}x ${verdict}`.padEnd(27)} ${figures[`${key}_run_cpu_s`].toFixed(1)} / ${figures[`${key}_cli_cpu_s`].toFixed(1)}`.padEnd(16) +
              `  ${load()}${scaled}`,
          );
        }
      }
      if (large > 0) {
        await startWorkers(1, concurrency);
        const targets = Array.from({ length: large }, (_, i) => withHoles(i));
        await setInventory(url, targets);
        const run = await measuredRun();
        if (run.done !== large) throw new Error(`the large run finished with ${run.done} of ${large} probes done`);
        figures[`large_c${concurrency}_run_ms`] = Math.round(run.ms);
        figures[`large_c${concurrency}_run_cpu_s`] = Number(run.cpu.toFixed(1));
        say(`one worker, WORKER_CONCURRENCY ${concurrency}, once:`);
        say(
          `  ${`${large} endpoints, one in ten unreachable`.padEnd(58)} ${`${s(run.ms)} (${Math.round((large / run.ms) * 60_000)}/min)`.padEnd(26)} ${"".padEnd(8)} ${(run.ms < 300_000 ? "(target < 5 min: met)" : "(target < 5 min: NOT met)").padEnd(27)} ${run.cpu.toFixed(1)} / -`.padEnd(16) +
            `  ${load()}`,
        );
      }
      await startWorkers(0, concurrency);
    }
    say(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    say(workerErrors.length ? `the workers logged ${workerErrors.length} error lines; the first:\n${workerErrors.slice(0, 5).join("\n")}` : "the workers logged no errors");
    return { lines, figures };
  } finally {
    for (const w of workers) await w.stop();
    await web?.stop();
    await Promise.all([set.close(), blackHole.close()]);
    rmSync(dir, { recursive: true, force: true });
    await dropDatabases(adminUrl, prefix).catch(() => undefined);
    await server.stop();
  }
}

/** The bench's own flags, from `npm run bench -- probe-run --repetitions 1 …`. */
export function probeRunOptions(args: string[]): ProbeRunBenchOptions {
  const { values } = parseArgs({
    args,
    strict: false,
    options: {
      targets: { type: "string" },
      large: { type: "string" },
      "worker-concurrency": { type: "string" },
      timeout: { type: "string" },
      repetitions: { type: "string" },
      "cli-concurrency": { type: "string" },
      "no-scaling": { type: "boolean" },
    },
  });
  const num = (name: string) => {
    const v = values[name];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || !/^\d+$/.test(v)) throw new Error(`--${name} must be a whole number (got ${String(v)})`);
    return Number(v);
  };
  const list = values["worker-concurrency"];
  const concurrencies = typeof list === "string" ? list.split(",").map((c) => c.trim()) : undefined;
  if (concurrencies?.some((c) => !/^\d+$/.test(c) || Number(c) < 1)) throw new Error(`--worker-concurrency must be whole numbers, comma-separated (got ${list})`);
  return {
    targets: num("targets"),
    large: num("large"),
    timeoutMs: num("timeout"),
    repetitions: num("repetitions"),
    cliConcurrency: num("cli-concurrency"),
    workerConcurrency: concurrencies?.map(Number),
    scaling: values["no-scaling"] ? false : undefined,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runProbeRunBench(probeRunOptions(process.argv.slice(2)));
  process.exit(0);
}
