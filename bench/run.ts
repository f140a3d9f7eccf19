// `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same
// run, and the ratio. These machines are noisy and have 2 cores: figures are medians, and each
// bench prints the machine's load so a slow run can be read for what it is.
//
//   npm run bench [-- inventory|probe|probe-run|load|notifications|board|charts|login-history] [flags]
//
// `probe` is the probe itself (bench/probe.ts) and then a run through the product (probe-run);
// `probe-run` is the second alone, with --repetitions, --worker-concurrency, --targets, --large,
// --timeout, --cli-concurrency, --no-scaling (bench/probe-run.ts). `load` takes --clients 50
// --seconds 60 --rows 10000; `login-history` takes --rows 1000000 --runs 5. `charts` reads BENCH_CHARTS_ROWS and BENCH_CHARTS_DAYS (bench/charts.ts).
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { ensurePrismaClient } from "../scripts/lib/database";

// The Prisma client is generated code (git-ignored): a fresh checkout has none until this runs.
await ensurePrismaClient();
const { runInventoryBench } = await import("./inventory");
const { runProbeBench } = await import("./probe");
const { runProbeRunBench, probeRunOptions } = await import("./probe-run");
const { runNotificationsBench } = await import("./notifications");
const { runLoadBench } = await import("./load");
const { runBoardBench } = await import("./board");
const { runChartsBench } = await import("./charts");
const { runLoginHistoryBench } = await import("./login-history");

const args = process.argv.slice(2).filter((a) => a !== "--");
const { values: flags, positionals: only } = parseArgs({
  args,
  allowPositionals: true,
  options: {
    clients: { type: "string" },
    seconds: { type: "string" },
    rows: { type: "string" },
    runs: { type: "string" },
    // probe-run's own, read (and checked) by probeRunOptions below.
    repetitions: { type: "string" },
    "worker-concurrency": { type: "string" },
    targets: { type: "string" },
    large: { type: "string" },
    timeout: { type: "string" },
    "cli-concurrency": { type: "string" },
    "no-scaling": { type: "boolean" },
  },
});
/** A whole-number flag, or a clear stop naming it. */
function flag(name: "clients" | "seconds" | "rows" | "runs"): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^\d+$/.test(raw) || Number(raw) < 1) {
    console.error(`--${name} must be a whole number of at least 1 (got ${raw}).`);
    process.exit(2);
  }
  return Number(raw);
}
const loadOptions = { clients: flag("clients"), seconds: flag("seconds"), rows: flag("rows") };
const runOptions = (() => {
  try {
    return probeRunOptions(args);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
})();
const want = (name: string) => only.length === 0 || only.includes(name);
const started = Date.now();
console.log(`Benchmarks on ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);

if (want("inventory")) {
  await runInventoryBench({ log: (s) => console.log(s) });
  console.log("");
}
if (want("board")) {
  await runBoardBench({ log: (s) => console.log(s) });
  console.log("");
}
if (want("probe")) {
  await runProbeBench({ log: (s) => console.log(s) });
  console.log("");
}
if (want("probe") || only.includes("probe-run")) {
  // The same probe through the product: API, queue, worker, stored results; beside the CLI.
  await runProbeRunBench({ ...runOptions, log: (s) => console.log(s) });
  console.log("");
}
if (want("notifications")) {
  await runNotificationsBench({ log: (s) => console.log(s) });
  console.log("");
}
let failed = false;
if (want("load")) {
  const { ok } = await runLoadBench({ ...loadOptions, log: (s) => console.log(s) });
  failed ||= !ok;
  console.log("");
}
if (want("charts")) {
  await runChartsBench({ log: (s) => console.log(s) });
  console.log("");
}
if (want("login-history")) {
  await runLoginHistoryBench({ rows: flag("rows"), runs: flag("runs"), log: (s) => console.log(s) });
  console.log("");
}
console.log(`Done in ${Math.round((Date.now() - started) / 1000)} s.`);
process.exit(failed ? 1 : 0);
