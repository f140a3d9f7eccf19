// Load from a second, native process (wrk): the load generator's own CPU then hardly competes
// with the server on a 2-core machine, as the JS generator in bench/http-load.ts does.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { LoadResult } from "./http-load";

const run = promisify(execFile);
const WRK = "/usr/bin/wrk";

const REPORT = `
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("WRK {\\"requests\\":%d,\\"medianUs\\":%d,\\"p95Us\\":%d,\\"maxUs\\":%d,\\"errors\\":%d}\\n",
    summary.requests, latency:percentile(50), latency:percentile(95), latency.max, errors))
end
`;

/** wrk when it is installed (installed from Debian when missing and we are root); null otherwise. */
export function wrkAvailable(): boolean {
  if (existsSync(WRK)) return true;
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync("apt-get", ["install", "-y", "wrk"], { stdio: "ignore", timeout: 300_000 });
  } catch {
    return false;
  }
  return existsSync(WRK);
}

export async function wrkLoad(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "wrk-"));
  const script = path.join(dir, "report.lua");
  writeFileSync(script, REPORT);
  try {
    const headers = Object.entries({ "accept-encoding": "gzip", ...(opts.headers ?? {}) }).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
    // Warm up first: the first requests compile route code.
    await run(WRK, ["-t1", `-c${opts.connections}`, "-d2s", ...headers, url]);
    const { stdout } = await run(WRK, ["-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "-s", script, ...headers, url]);
    const m = /WRK (\{.*\})/.exec(stdout);
    if (!m) throw new Error(`wrk printed no report:\n${stdout}`);
    const r = JSON.parse(m[1]);
    return { requests: r.requests, medianMs: r.medianUs / 1000, p95Ms: r.p95Us / 1000, maxMs: r.maxUs / 1000, errors: r.errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
