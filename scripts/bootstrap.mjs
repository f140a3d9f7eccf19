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
  const args = fs.existsSync(lock) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"];
  console.log(`Installing dependencies (npm ${args[0]})…`);
  const result = spawnSync("npm", args, { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Installing dependencies failed; see the npm output above.");
    process.exit(result.status ?? 1);
  }
}

/**
 * Runs a TypeScript entry point with tsx in the react-server condition (so server-only modules
 * load outside Next), forwarding signals so Ctrl-C reaches it, and exits with its status.
 */
export function handOver(entry, args = process.argv.slice(2)) {
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["--conditions=react-server", path.join(ROOT, entry), ...args], { cwd: ROOT, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}
