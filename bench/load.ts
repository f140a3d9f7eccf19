// Mixed load on the production build at 10,000 integrations (six checklist items each): `clients`
// concurrent clients for `seconds`, each acting as one of several users (an admin, members who
// touch only their own integrations) through API tokens and sessions, mixing reads (board API,
// board page when there is one, inventory page and API) with writes (integration edits and
// checklist ticks made against the version they read, probe requests). /api/health is sampled
// beside them in the same run. Prints throughput and p95 per kind, and checks afterwards that
// there were no 5xx and no lost updates: every 200 write is in the database, every 409 was a real
// conflict (another client's write had moved the version).
//
//   npm run bench -- load [--clients 50] [--seconds 60] [--rows 10000]
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { createDatabase, databaseServer, dropDatabases, ensurePrismaClient, freePort, migrate } from "../scripts/lib/database";
import { buildIfStale, startNextServer, waitForHealth } from "../scripts/lib/app-process";
import { percentile } from "./http-load";
import { seedLoad, type LoadUser } from "./load-seed";
import { verifyWrites, type Conflict, type Write } from "./load-verify";

const KINDS = ["inventory api", "board api", "inventory page", "board page", "edit", "tick", "probe"] as const;
type Kind = (typeof KINDS)[number] | "health";
/** How often each kind is picked (the board page only when the app has one). */
const WEIGHTS: Record<(typeof KINDS)[number], number> = { "inventory api": 20, "board api": 15, "inventory page": 10, "board page": 5, edit: 20, tick: 25, probe: 5 };

interface Sample {
  kind: Kind;
  status: number;
  ms: number;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

/** One client: a browser tab or an API script of `user`, with its own idea of each row's version. */
async function client(n: number, user: LoadUser, base: string, until: number, kinds: (typeof KINDS)[number][], out: { samples: Sample[]; writes: Write[]; conflicts: Conflict[] }) {
  const versions = new Map<string, number>([...user.integrations, ...user.items].map((r) => [r.id, r.version]));
  const done = new Map(user.items.map((i) => [i.id, i.done]));
  const api = { authorization: `Bearer ${user.token}`, "content-type": "application/json" };
  const bag = kinds.flatMap((k) => Array<(typeof KINDS)[number]>(WEIGHTS[k]).fill(k));
  for (let seq = 0; Date.now() < until; seq++) {
    const kind = pick(bag);
    const started = performance.now();
    let res: Response;
    let write: { id: string; sent: number; value: string | boolean; kind: "edit" | "tick" } | null = null;
    switch (kind) {
      case "inventory api":
        res = await fetch(`${base}/api/v1/integrations?${user.role === "MEMBER" && seq % 2 ? "owner=me&" : ""}status=in_progress,blocked&sort=-updatedAt&pageSize=50`, { headers: api });
        break;
      case "board api":
        res = await fetch(`${base}/api/v1/board?${user.role === "MEMBER" ? "owner=me&" : ""}open=true&pageSize=50`, { headers: api });
        break;
      case "inventory page":
        res = await fetch(`${base}/integrations?status=in_progress,blocked&sort=-updatedAt`, { headers: { cookie: user.cookie } });
        break;
      case "board page":
        res = await fetch(`${base}/board`, { headers: { cookie: user.cookie } });
        break;
      case "edit": {
        const { id } = pick(user.integrations);
        write = { id, sent: versions.get(id)!, value: `load ${n}-${seq}`, kind };
        res = await fetch(`${base}/api/v1/integrations/${id}`, { method: "PATCH", headers: api, body: JSON.stringify({ version: write.sent, notes: write.value }) });
        break;
      }
      case "tick": {
        const { id } = pick(user.items);
        write = { id, sent: versions.get(id)!, value: !done.get(id), kind };
        res = await fetch(`${base}/api/v1/checklist-items/${id}`, { method: "PATCH", headers: api, body: JSON.stringify({ version: write.sent, done: write.value }) });
        break;
      }
      case "probe":
        res = await fetch(`${base}/api/v1/integrations/${pick(user.probeable)}/probes`, { method: "POST", headers: api });
        break;
    }
    const body = write || res.status >= 400 ? await res.json().catch(() => null) : (await res.arrayBuffer(), null);
    out.samples.push({ kind, status: res.status, ms: performance.now() - started });
    if (!write) continue;
    if (res.status === 200) {
      versions.set(write.id, body.version);
      if (write.kind === "tick") done.set(write.id, body.done);
      out.writes.push({ ...write, version: body.version });
    } else if (res.status === 409) {
      const current = body?.error?.current;
      versions.set(write.id, current?.version);
      if (write.kind === "tick") done.set(write.id, current?.done);
      out.conflicts.push({ kind: write.kind, id: write.id, sent: write.sent, current: current?.version ?? null });
    }
  }
}

function row(label: string, ms: number[], seconds: number, health?: number): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const ratio = health ? `  ${(p95 / health).toFixed(1)}x health` : "";
  return `  ${label.padEnd(16)} ${String(sorted.length).padStart(6)} req  ${(sorted.length / seconds).toFixed(1).padStart(6)}/s  median ${percentile(sorted, 50).toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms${ratio}`;
}

export async function runLoadBench(opts: { clients?: number; seconds?: number; rows?: number; log?: (s: string) => void } = {}): Promise<{ ok: boolean }> {
  const clients = opts.clients ?? 50;
  const seconds = opts.seconds ?? 60;
  const rows = opts.rows ?? 10_000;
  const log = opts.log ?? console.log;
  await ensurePrismaClient();
  const server = await databaseServer({ dataDir: ".data/bench-postgres" });
  const prefix = `trb_bench_${Date.now().toString(36)}`;
  const adminUrl = server.url(process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "postgres" : "postgres");
  let web: ReturnType<typeof startNextServer> | null = null;
  try {
    await createDatabase(adminUrl, `${prefix}_load`);
    const url = server.url(`${prefix}_load`);
    await migrate(url);
    const secret = randomBytes(32).toString("base64url");
    const users = await seedLoad(url, rows, 10, secret);
    await buildIfStale(".next-test", (s) => log(`  ${s}`));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // As the demo runs it: the app's clock twelve days before the cutoff.
    web = startNextServer(".next-test", port, { DATABASE_URL: url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, APP_CLOCK_START: "2017-02-20T09:00:00Z" }, { echo: false });
    await waitForHealth(base, web.child);
    const hasBoardPage = (await fetch(`${base}/board`, { headers: { cookie: users[0].cookie } })).status === 200;
    const kinds = KINDS.filter((k) => k !== "board page" || hasBoardPage);

    // Warm up, as a demo that has been running is: the first request of each route loads its
    // code, and each web process's first probe request starts its queue sender.
    const warm = { samples: [], writes: [], conflicts: [] };
    await Promise.all(users.map((u, i) => client(-1 - i, u, base, Date.now() + 3000, kinds.filter((k) => k !== "edit" && k !== "tick" && k !== "probe"), warm)));
    for (const u of users) await (await fetch(`${base}/api/v1/integrations/${u.probeable[0]}/probes`, { method: "POST", headers: { authorization: `Bearer ${u.token}` } })).arrayBuffer();

    log(`Load: ${clients} clients for ${seconds} s as ${users.length} users (1 admin, ${users.length - 1} members), ${rows} integrations with six checklist items each; ${hasBoardPage ? "" : "no /board page in this build; "}mix ${kinds.map((k) => `${k} ${WEIGHTS[k]}`).join(", ")}.`);
    const out = { samples: [] as Sample[], writes: [] as Write[], conflicts: [] as Conflict[] };
    const until = Date.now() + seconds * 1000;
    const health: Sample[] = [];
    const sampleHealth = async () => {
      while (Date.now() < until) {
        const started = performance.now();
        const res = await fetch(`${base}/api/health`);
        await res.arrayBuffer();
        health.push({ kind: "health", status: res.status, ms: performance.now() - started });
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await Promise.all([sampleHealth(), ...Array.from({ length: clients }, (_, n) => client(n, users[n % users.length], base, until, kinds, out))]);

    const healthP95 = percentile(health.map((h) => h.ms).sort((a, b) => a - b), 95);
    log(`Load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(" ")} (2 cores shared with everything else on this machine).`);
    log(`Throughput: ${(out.samples.length / seconds).toFixed(1)} requests/s (${out.samples.length} in ${seconds} s); p95 per kind beside /api/health sampled in the same run:`);
    log(row("/api/health", health.map((h) => h.ms), seconds));
    for (const kind of kinds) log(row(kind, out.samples.filter((s) => s.kind === kind).map((s) => s.ms), seconds, healthP95));
    const statuses = new Map<string, number>();
    for (const s of [...out.samples, ...health]) statuses.set(`${s.kind} ${s.status}`, (statuses.get(`${s.kind} ${s.status}`) ?? 0) + 1);
    log(`Statuses: ${[...statuses].sort().map(([k, v]) => `${k}: ${v}`).join(", ")}`);
    const serverErrors = [...out.samples, ...health].filter((s) => s.status >= 500).length;
    log(`5xx: ${serverErrors}`);

    const initial = new Map(users.flatMap((u) => [...u.integrations, ...u.items]).map((r) => [r.id, r.version]));
    const verdict = await verifyWrites(url, out.writes, out.conflicts, initial);
    for (const line of verdict.lines) log(line);
    const ok = serverErrors === 0 && verdict.lost === 0 && verdict.unreal === 0;
    log(ok ? "Zero 5xx, zero lost updates: met." : "NOT met: see above.");
    return { ok };
  } finally {
    await web?.stop();
    await dropDatabases(adminUrl, prefix).catch(() => undefined);
    await server.stop();
  }
}
