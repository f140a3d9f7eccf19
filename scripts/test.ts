// `npm test`: unit, integration (real Postgres), TLS (real servers on loopback) and end-to-end
// (a production build in a real Chromium). With DATABASE_URL set its server is used, each run in
// throw-away databases; without it an embedded Postgres runs under .data/test-postgres.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { ROOT, createDatabase, databaseServer, dropDatabases, ensurePrismaClient, migrate, run } from "./lib/database";
import { buildIfStale } from "./lib/app-process";
import { ensureChromium } from "./lib/chromium";

const LAYERS = ["static", "unit", "integration", "tls", "e2e"] as const;
type Layer = (typeof LAYERS)[number];
interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}

const log = (s: string) => console.log(`[test] ${s}`);
// `npm test -- [layer…] [file filter…]`: e.g. `npm test -- integration probes` runs only the
// integration files whose path contains "probes".
const args = process.argv.slice(2).filter((a) => a !== "--");
const requested = args.filter((a) => (LAYERS as readonly string[]).includes(a)) as Layer[];
const filters = args.filter((a) => !(LAYERS as readonly string[]).includes(a));
const layers: Layer[] = requested.length ? requested : [...LAYERS];

/** The type check and the linter, as one layer: each counts as a test. */
async function runStatic(): Promise<Counts> {
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  for (const [label, cmd, args] of [
    ["TypeScript (strict)", "tsc", ["--noEmit", "-p", "."]],
    ["ESLint", "eslint", ["."]],
  ] as const) {
    try {
      await run(path.join(ROOT, "node_modules", ".bin", cmd), [...args], { quiet: true });
      passed += 1;
      log(`${label}: clean`);
    } catch (err) {
      failed += 1;
      console.error(`[test] ${label} failed:\n${(err as Error).message}`);
    }
  }
  return { passed, failed, skipped: 0, seconds: Math.round((Date.now() - started) / 1000) };
}

function runVitest(layer: Layer, env: Record<string, string>): Promise<Counts> {
  const report = path.join(os.tmpdir(), `vitest-${layer}-${process.pid}.json`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      path.join(ROOT, "node_modules", ".bin", "vitest"),
      ["run", "--project", layer, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...(filters.length ? ["--passWithNoTests", ...filters] : [])],
      { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } },
    );
    child.on("close", (code) => {
      let counts: Counts = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0, seconds: 0 };
      try {
        const r = JSON.parse(fs.readFileSync(report, "utf8"));
        // A file that fails to load has no failed tests but a non-zero exit: still a failure.
        const failed = Math.max(r.numFailedTests, code === 0 ? 0 : 1);
        counts = { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests, seconds: 0 };
        fs.rmSync(report, { force: true });
      } catch {
        // no report: vitest failed before running anything; counted as a failure above
      }
      counts.seconds = Math.round((Date.now() - started) / 1000);
      resolve(counts);
    });
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  await ensurePrismaClient();
  const chromium = layers.includes("e2e") ? ensureChromium(log) : "";

  const server = await databaseServer({ dataDir: ".data/test-postgres", log });
  const runId = `trb_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const adminUrl = server.url(process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "postgres" : "postgres");
  const template = `${runId}_tpl`;
  const results = new Map<Layer, Counts>();
  try {
    log(`Preparing a template database (${template}) from the migrations…`);
    await createDatabase(adminUrl, template);
    await migrate(server.url(template));
    const env = {
      TEST_ADMIN_DATABASE_URL: adminUrl,
      TEST_TEMPLATE_DATABASE: template,
      TEST_RUN_ID: runId,
      TEST_DATABASE_URL_PATTERN: server.url("__DB__"),
      CHROMIUM_PATH: chromium,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    };
    for (const layer of layers) {
      if (layer === "e2e") {
        await buildIfStale(".next-test", log);
      }
      log(`Running the ${layer} ${layer === "static" ? "checks" : "tests"}…`);
      results.set(layer, layer === "static" ? await runStatic() : await runVitest(layer, env));
    }
  } finally {
    const dropped = await dropDatabases(adminUrl, runId).catch(() => 0);
    if (dropped) log(`Dropped ${dropped} throw-away databases.`);
    await server.stop().catch((e) => log(`Postgres did not stop cleanly: ${e.message}`));
  }

  console.log("\n  layer         passed  failed  skipped   time");
  let failed = 0;
  for (const layer of layers) {
    const c = results.get(layer) ?? { passed: 0, failed: 1, skipped: 0, seconds: 0 };
    failed += c.failed;
    console.log(`  ${layer.padEnd(12)} ${String(c.passed).padStart(7)} ${String(c.failed).padStart(7)} ${String(c.skipped).padStart(8)} ${String(c.seconds).padStart(5)}s`);
  }
  console.log(`\n  ${failed === 0 ? "All tests passed" : `${failed} failed`} in ${Math.round((Date.now() - started) / 1000)} s.\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
