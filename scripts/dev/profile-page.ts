// Developer aid: CPU-profiles the web server while it serves the inventory page under load.
// Writes .cpuprofile files to /tmp/trb-prof and prints the heaviest functions.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createDatabase, databaseServer, dropDatabases, freePort, migrate } from "../lib/database";
import { startProcess, waitForHealth } from "../lib/app-process";
import { seed } from "../../bench/inventory";
import { load } from "../../bench/http-load";

const path = process.argv[2] ?? "/integrations?category=api,browser,outbound_callout&status=not_started,in_progress&q=sync&sort=-updatedAt&page=2&pageSize=50";
const server = await databaseServer({ dataDir: ".data/bench-postgres" });
const name = `trb_prof_${Date.now().toString(36)}`;
await createDatabase(server.url("postgres"), name);
await migrate(server.url(name));
const { adminId } = await seed(server.url(name), 10_000);
fs.rmSync("/tmp/trb-prof", { recursive: true, force: true });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const secret = randomBytes(32).toString("base64url");
const web = startProcess(
  "web",
  process.execPath,
  ["--cpu-prof", "--cpu-prof-dir=/tmp/trb-prof", "server.mjs"],
  { DATABASE_URL: server.url(name), NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, NEXT_DIST_DIR: ".next-test", NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "1" },
  { echo: false },
);
await waitForHealth(base, web.child);
const cookie = `next-auth.session-token=${await encode({ token: { uid: adminId, sv: 0 }, secret })}`;
const sample = await fetch(`${base}${path}`, { headers: { cookie, "accept-encoding": "identity" } });
console.log("page bytes", (await sample.arrayBuffer()).byteLength);
console.log(await load(`${base}${path}`, { clients: 5, requests: 300, headers: { cookie } }));
web.child.kill("SIGINT");
await new Promise((r) => setTimeout(r, 3000));
await dropDatabases(server.url("postgres"), name);
await server.stop();
for (const f of fs.readdirSync("/tmp/trb-prof")) {
  const prof = JSON.parse(fs.readFileSync(`/tmp/trb-prof/${f}`, "utf8"));
  const self = new Map<string, number>();
  const dt = prof.timeDeltas as number[];
  type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
  const byId = new Map<number, ProfileNode>((prof.nodes as ProfileNode[]).map((n) => [n.id, n]));
  prof.samples.forEach((id: number, i: number) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  if (total < 1e6) continue;
  console.log(`\n${f}: ${(total / 1e6).toFixed(1)} s sampled`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}
