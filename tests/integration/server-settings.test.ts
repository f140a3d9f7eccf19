// `npm start` (server.mjs) checks every setting before Next starts: a bad one stops it with the
// variable's name, with one web process as with several, and it never says "Ready".
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "@/scripts/lib/database";

function start(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "server.mjs")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL, NEXTAUTH_SECRET: "Zq7pK2mW9vX4rT8yB1nC6hJ3dF5gL0sA", NEXT_DIST_DIR: ".next-none", PORT: "1", ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("npm start's settings check", () => {
  it.each([
    [{ PORT: "eighty" }, "PORT must be a whole number from 1 to 65535"],
    [{ WEB_CONCURRENCY: "0" }, "WEB_CONCURRENCY must be at least 1"],
    [{ WEB_CONCURRENCY: "1", TRUST_PROXY_HOPS: "two" }, "TRUST_PROXY_HOPS must be a whole number"],
    [{ WEB_CONCURRENCY: "1", DATABASE_POOL_SIZE: "lots" }, "DATABASE_POOL_SIZE must be a whole number"],
    [{ WEB_CONCURRENCY: "1", NEXTAUTH_SECRET: "change-me-for-production-this-is-only-for-development" }, "NEXTAUTH_SECRET is the example value"],
    [{ WEB_CONCURRENCY: "2", NEXTAUTH_SECRET: undefined }, "NEXTAUTH_SECRET is not set"],
  ])("stops on %o", async (env, message) => {
    const { code, output } = await start(env);
    expect(code).toBe(1);
    expect(output).toContain(message);
    expect(output).toContain("The server did not start: fix the settings above");
    expect(output).not.toContain("Ready");
  }, 30_000);
});
