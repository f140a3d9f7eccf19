// Shared by `npm run demo`, `npm start` and `npm test`: plain Node, no dependencies, because it runs
// before they are installed.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `npm ci` (or `npm install` without a lock file) when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const lock = path.join(ROOT, "package-lock.json");
  const installed = path.join(ROOT, "node_modules", ".package-lock.json");
  const stale =
    !fs.existsSync(installed) || (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs + 1000);
  if (!stale) return;
  if (fs.existsSync(lock)) {
    console.log("Installing dependencies (npm ci)…");
    const ci = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
    if (ci.status === 0) return;
    // npm ci refuses a lock file without entries for other platforms' optional packages, and a
    // registry mirror that lacks some of them cannot produce one; npm install keeps every locked
    // version and skips what this platform does not need.
    if (!/Missing: .* from lock file/.test(ci.stderr ?? "")) {
      process.stderr.write(ci.stderr ?? "");
      console.error("Installing dependencies failed; see the npm output above.");
      process.exit(ci.status ?? 1);
    }
    console.log("npm ci wants optional packages of other platforms that the registry lacks; installing the locked versions with npm install…");
  } else {
    console.log("Installing dependencies (npm install)…");
  }
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Installing dependencies failed; see the npm output above.");
    process.exit(result.status ?? 1);
  }
}

/**
 * Runs a TypeScript entry point under tsx's loader, in the react-server condition (so server-only
 * modules load outside Next), and exits with its status. One process (node with tsx's loader), not
 * tsx's wrapper and a child: the wrapper answers a Ctrl-C its child is slow to acknowledge with
 * SIGKILL, which would cut the demo off before it stops what it started. Signals sent to this
 * process alone are passed on; a terminal's Ctrl-C reaches the child itself (same process group),
 * and the child takes a repeated signal calmly.
 */
export function handOver(entry, args = process.argv.slice(2)) {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(ROOT, entry), ...args], { cwd: ROOT, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}
