// The importing process of the Login History bench: stores the file as an upload (as the web
// would), then runs its import job (as a worker would) and reports how long the import took and
// the process's peak memory. Run by bench/login-history.ts with DATABASE_URL set to its database.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { runImport } from "@/lib/login-history/import-job";
import { createImport } from "@/lib/login-history/imports";
import { db } from "@/lib/db";

const file = process.argv[2];
const admin = await db.user.create({ data: { email: `bench-${Date.now()}@example.test`, name: "Bench admin", role: "ADMIN" } });
const { id: importId } = await createImport(
  { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN", via: "token" },
  { fileName: path.basename(file), timeZone: "UTC", dateOrder: "mdy" },
  fs.createReadStream(file, { highWaterMark: 1024 * 1024 }),
  { queue: false },
);
// Where the memory is, sampled while it runs (the peak RSS alone does not say).
const peak = { heapTotal: 0, external: 0, arrayBuffers: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
  peak.external = Math.max(peak.external, m.external);
  peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
}, 50);
// What the process holds before the import (code, Prisma, pg): the import's own share is above it.
const startRssMb = process.memoryUsage().rss / 1048576;
const pgBefore = await backendsCpu();
const started = performance.now();
const cpuStart = process.cpuUsage();
const eluStart = performance.eventLoopUtilization();
let elu = 0;
// Timed until the import is done and its logins visible (its commit); the upload is dropped after.
let ms = 0;
let cpuMs = 0;
const outcome = await runImport(importId, new AbortController().signal, {
  onCommitted: () => {
    ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    cpuMs = (cpu.user + cpu.system) / 1000;
    elu = performance.eventLoopUtilization(eluStart).utilization;
  },
});
clearInterval(sampler);
const pgCpuMs = cpuSince(pgBefore, await backendsCpu());
const mb = (n: number) => Math.round(n / 1048576);
const [row] = await db.$queryRawUnsafe<{ rows_read: number; rows_imported: number }[]>(
  `SELECT rows_read, rows_imported FROM login_history_imports WHERE id = $1::uuid`,
  importId,
);
// maxRSS is the peak resident set of this process, in kilobytes.
console.log(JSON.stringify({ outcome, ms, cpuMs, elu, pgCpuMs, rowsRead: row.rows_read, rowsImported: row.rows_imported, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb, peakHeapMb: mb(peak.heapTotal), peakExternalMb: mb(peak.external), peakArrayBuffersMb: mb(peak.arrayBuffers) }));
await db.$disconnect();
process.exit(0);

/** Each open backend of the database's CPU so far (ms), when Postgres runs on this machine; null when it does not. */
async function backendsCpu(): Promise<Map<number, number> | null> {
  const backends = await db.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const cpu = new Map<number, number>();
  for (const { pid } of backends) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      return null;
    }
  }
  return cpu;
}

/** The CPU the backends used since `before` (the import's share of Postgres's work: its own connections, the upload's reader). */
function cpuSince(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let used = 0;
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
  return used;
}
