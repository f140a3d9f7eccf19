// `npm run dev`: `next dev` with a session secret of this checkout's own, kept under .data/
// (as the demo keeps one), unless NEXTAUTH_SECRET is set. The app refuses the published example
// secret wherever it runs, so nothing has to be copied from .env.example to get started.
import "./lib/load-env";
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./lib/database";
import { persistentSecret } from "./lib/app-process";

const child = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["dev", ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || persistentSecret(".data/dev-auth-secret") },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
