// What a benchmarked process costs: CPU seconds of a running process (from /proc), and the probe
// CLI timed on a file of targets with its CPU seconds (read by the shell's `times`).
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** CPU seconds (user + system) a running process has used so far, from /proc. */
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** The probe CLI on a file of targets: wall time, and CPU seconds read by the shell's `times`. */
export function timeCli(file: string, concurrency: number, timeoutMs: number): Promise<{ ms: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const args = ["scripts/probe-cli.mjs", "--file", file, "--allow-private", "--concurrency", String(concurrency), "--timeout", String(timeoutMs)];
    const script = `"$0" "$@" >/dev/null; rc=$?; times >&2; exit $rc`;
    const child = spawn("/bin/sh", ["-c", script, process.execPath, ...args], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`the probe CLI exited ${code}: ${stderr}`));
      // `times` prints the shell's own user/system time, then its children's: "0m1.234s 0m0.567s".
      const children = stderr.trim().split("\n").at(-1) ?? "";
      const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
      resolve({ ms, cpu });
    });
  });
}

