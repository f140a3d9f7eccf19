// Starting and stopping the processes the demo and the end-to-end tests run: the Next server and,
// later, workers. Shared so the tests exercise exactly what the demo runs.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT, run } from "./database";

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = ["next.config.ts", "proxy.ts", "instrumentation.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "prisma/schema.prisma"];

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** A hash of everything the production build depends on, to skip rebuilding when nothing changed. */
export function sourceHash(): string {
  const files: string[] = [];
  for (const d of SOURCE_DIRS) walk(path.join(ROOT, d), files);
  for (const f of SOURCE_FILES) if (fs.existsSync(path.join(ROOT, f))) files.push(path.join(ROOT, f));
  const hash = createHash("sha256");
  for (const f of files.sort()) {
    if (f.includes(`${path.sep}.schema-hash`)) continue;
    hash.update(path.relative(ROOT, f));
    hash.update(fs.readFileSync(f));
  }
  return hash.digest("hex");
}

/** Builds the app into `distDir` unless the same sources were built there already. */
export async function buildIfStale(distDir: string, log: (s: string) => void): Promise<void> {
  const stamp = path.join(ROOT, distDir, ".source-hash");
  const hash = sourceHash();
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash && fs.existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
    log(`Using the existing build in ${distDir}/ (sources unchanged).`);
    return;
  }
  log(`Building the application into ${distDir}/ (a minute or two)…`);
  await run(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
    env: { NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    quiet: true,
  });
  fs.writeFileSync(stamp, hash);
}

/** A secret kept under .data so sessions survive restarts of the demo. */
export function persistentSecret(file: string): string {
  const p = path.resolve(ROOT, file);
  if (fs.existsSync(p)) return fs.readFileSync(p, "utf8").trim();
  fs.mkdirSync(path.dirname(p), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(p, secret, { mode: 0o600 });
  return secret;
}

export interface Started {
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Spawns a long-running process, prefixing its output, and gives a stop that waits for it to exit. */
export function startProcess(
  name: string,
  cmd: string,
  args: string[],
  env: Record<string, string | undefined>,
  opts: { echo?: boolean } = {},
): Started {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: false });
  const echo = opts.echo ?? true;
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => `[${name}] ${l}\n`)
      .join("");
  child.stdout?.on("data", (d: Buffer) => echo && process.stdout.write(prefix(d)));
  child.stderr?.on("data", (d: Buffer) => echo && process.stderr.write(prefix(d)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function startNextServer(distDir: string, port: number, env: Record<string, string | undefined>, opts: { echo?: boolean } = {}): Started {
  return startProcess(
    "web",
    process.execPath,
    [path.join(ROOT, "server.mjs")],
    // A larger young generation roughly halves the time rendering spends in garbage collection.
    {
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: env.HOST ?? "127.0.0.1",
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? "--max-semi-space-size=32",
      ...env,
    },
    opts,
  );
}

export async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with status ${child.exitCode} before it was ready.`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server at ${baseUrl} did not become healthy within ${timeoutMs / 1000} s.`);
}

/** A probe worker (npm run worker), in the react-server condition like the app's server code. */
export function startWorker(env: Record<string, string | undefined>, opts: { echo?: boolean; name?: string } = {}): Started {
  // One process (node with tsx's loader), not tsx's wrapper and a child: a signal reaches the worker itself.
  return startProcess(
    opts.name ?? "worker",
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.join(ROOT, "scripts", "worker.ts")],
    { NODE_ENV: "production", ...env },
    opts,
  );
}

/**
 * Keeps a process running: one that exits on its own is started again (a worker killed by the
 * OOM killer, or crashed, must not leave probes waiting in the queue for good). One that keeps
 * dying, five times within a minute, cannot start at all: restarting it would only spin.
 */
export function keepRunning(name: string, start: () => Started, log: (line: string) => void): Started {
  let current = start();
  let stopping = false;
  const deaths: number[] = [];
  const watch = (proc: Started) => {
    proc.child.once("exit", (code, signal) => {
      if (stopping) return;
      const at = Date.now();
      deaths.push(at);
      while (deaths.length && deaths[0] < at - 60_000) deaths.shift();
      if (deaths.length >= 5) {
        log(`The ${name} exited ${deaths.length} times within a minute (the last with ${signal ?? code}); not starting it again. See its errors above.`);
        return;
      }
      log(`The ${name} exited (${signal ?? code}); starting another.`);
      // A moment's pause: a Ctrl-C that reached the whole process group may be about to stop us too.
      setTimeout(() => {
        if (stopping) return;
        current = start();
        watch(current);
      }, 1000);
    });
  };
  watch(current);
  return {
    get child() {
      return current.child;
    },
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}
