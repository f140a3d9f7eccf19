// Runs loopback test endpoints in their own process, for the demo and the benchmark:
//
//   npx tsx lib/tls-probe/testing/serve.ts [--preset demo|bench] [--count N] [--ca-out FILE]
//
// Prints ONE JSON line on stdout once everything listens:
//   {"endpoints":[{"name","description","target":{host,port,starttls}}...],"caPem":"..."}
// and serves until stdin closes or it gets SIGINT/SIGTERM. --ca-out writes the test root CA
// (the caBundle that makes the "valid" endpoints trusted) to FILE.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startBenchEndpoints, startDemoEndpoints } from "./endpoints";

const { values } = parseArgs({
  options: {
    preset: { type: "string", default: "demo" },
    count: { type: "string", default: "6" },
    "ca-out": { type: "string" },
  },
});
if (values.preset !== "demo" && values.preset !== "bench") {
  process.stderr.write(`serve: --preset must be demo or bench, not "${values.preset}"\n`);
  process.exit(2);
}
const set = values.preset === "bench" ? await startBenchEndpoints(Number(values.count)) : await startDemoEndpoints();
if (values["ca-out"]) writeFileSync(values["ca-out"], set.caPem);
process.stdout.write(
  `${JSON.stringify({ endpoints: set.endpoints.map(({ name, description, target }) => ({ name, description, target })), caPem: set.caPem })}\n`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await set.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
