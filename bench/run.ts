// `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same
// run, and the ratio. These machines are noisy and have 2 cores: figures are medians, and each
// bench prints the machine's load so a slow run can be read for what it is.
//
//   npm run bench [-- inventory|probe|login-history]
import { loadavg } from "node:os";
import { ensurePrismaClient } from "../scripts/lib/database";

// The Prisma client is generated code (git-ignored): a fresh checkout has none until this runs.
await ensurePrismaClient();
const { runInventoryBench } = await import("./inventory");
const { runProbeBench } = await import("./probe");
const { runProbeRunBench } = await import("./probe-run");
const { runLoginHistoryBench } = await import("./login-history");

const only = process.argv.slice(2).filter((a) => a !== "--");
const want = (name: string) => only.length === 0 || only.includes(name);
const started = Date.now();
console.log(`Benchmarks on ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);

if (want("inventory")) {
  await runInventoryBench({ log: (s) => console.log(s) });
  console.log("");
}
if (want("probe")) {
  await runProbeBench({ log: (s) => console.log(s) });
  console.log("");
  // The same probe through the product: API, queue, worker, stored results; beside the CLI.
  await runProbeRunBench({ log: (s) => console.log(s) });
  console.log("");
}
if (want("login-history")) {
  await runLoginHistoryBench({ log: (s) => console.log(s) });
  console.log("");
}
console.log(`Done in ${Math.round((Date.now() - started) / 1000)} s.`);
process.exit(0);
