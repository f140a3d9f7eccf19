// `npm run demo` as a person runs it: its own process group, an embedded Postgres of its own (in
// a temporary folder, on free ports, beside anything else running), the tests' build. A probe
// worker that dies is started again; Ctrl-C (SIGINT to the whole group) stops every process it
// started, Postgres included, and says so.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, freePort, portIsFree } from "@/scripts/lib/database";

interface Proc {
  pid: number;
  ppid: number;
  cmd: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue; // exited, only waiting to be reaped
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      out.push({ pid: Number(entry), ppid: Number(fields[1]), cmd });
    } catch {
      // gone while we looked
    }
  }
  return out;
}

/** The process and every descendant of it. */
function tree(root: number, all = processes()): Proc[] {
  const found = all.filter((p) => p.pid === root);
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i].pid));
  return found;
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "postgres", "pgdata", "postmaster.pid");
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").split("\n")[0]) : null;
}

async function until<T>(what: string, fn: () => T | null | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function freeEndpointBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    if ((await Promise.all(Array.from({ length: 9 }, (_, i) => portIsFree(base + i)))).every(Boolean)) return base;
  }
  throw new Error("No nine consecutive free ports");
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trb-demo-test-"));
let demo: ChildProcess | null = null;

afterAll(() => {
  // Whatever happened above, leave nothing running.
  if (demo?.pid && demo.exitCode === null) process.kill(-demo.pid, "SIGKILL");
  const postmaster = postmasterPid(dataDir);
  if (postmaster) process.kill(postmaster, "SIGQUIT");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run demo", () => {
  it("restarts a probe worker that dies, and stops everything on Ctrl-C, embedded Postgres included", async () => {
    const webPort = await freePort();
    const pgPort = await freePort();
    const env: Record<string, string | undefined> = {
      ...process.env,
      DEMO_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      PORT: String(webPort),
      DEMO_ENDPOINT_PORT_BASE: String(await freeEndpointBase()),
      NEXT_DIST_DIR: ".next-test",
    };
    // The demo's own database and secret, as on a fresh machine.
    for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "APP_CLOCK_START", "APP_CLOCK_ANCHOR"]) delete env[name];
    let output = "";
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "demo.mjs")], { cwd: ROOT, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    demo = child;
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    await until("the demo to be ready", () => output.includes("TLS Readiness Board is running at") || (child.exitCode !== null && fail(output)), 240_000);
    expect((await fetch(`http://localhost:${webPort}/api/health`)).status).toBe(200);

    const workerOf = () => tree(child.pid!).find((p) => p.cmd.includes("scripts/worker.ts"));
    const first = await until("the probe worker", workerOf, 30_000);
    process.kill(first.pid, "SIGKILL");
    await until("the restart message", () => output.includes("[demo] The probe worker exited (SIGKILL); starting another."), 15_000);
    const second = await until("a new probe worker", () => {
      const w = workerOf();
      return w && w.pid !== first.pid ? w : null;
    }, 30_000);
    expect(second.cmd).toContain("scripts/worker.ts");

    // Everything the demo runs: its process tree, and Postgres (which pg_ctl detached from it).
    const postmaster = postmasterPid(dataDir);
    expect(postmaster).toBeGreaterThan(0);
    const all = processes();
    const started = [...tree(child.pid!, all), ...tree(postmaster!, all)];
    expect(started.length).toBeGreaterThanOrEqual(5); // wrapper, demo, web, worker, postmaster (and its helpers)

    process.kill(-child.pid!, "SIGINT"); // what a terminal does on Ctrl-C
    await expect(Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 60_000))])).resolves.toBe(0);
    expect(output).toContain("[demo] Stopped.");
    await until("every process of the demo to end", () => {
      const alive = new Set(processes().map((p) => p.pid));
      return started.every((p) => !alive.has(p.pid));
    }, 15_000);
    expect(fs.existsSync(path.join(dataDir, "postgres", "pgdata", "postmaster.pid"))).toBe(false);
    expect(await portIsFree(webPort)).toBe(true);
    expect(await portIsFree(pgPort)).toBe(true);
  }, 360_000);
});

function fail(output: string): never {
  throw new Error(`The demo exited before it was ready:\n${output.slice(-3000)}`);
}
