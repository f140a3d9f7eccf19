// The importing process of the Login History bench: stores the file as an upload (as the web
// would), then runs its import job (as a worker would) and reports how long the import took and
// the process's peak memory. Run by bench/login-history.ts with DATABASE_URL set to its database.
import fs from "node:fs";
import path from "node:path";
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
const started = performance.now();
// Timed until the import is done and its logins visible (its commit); the upload is dropped after.
let ms = 0;
const outcome = await runImport(importId, new AbortController().signal, { onCommitted: () => (ms = performance.now() - started) });
clearInterval(sampler);
const mb = (n: number) => Math.round(n / 1048576);
const [row] = await db.$queryRawUnsafe<{ rows_read: number; rows_imported: number }[]>(
  `SELECT rows_read, rows_imported FROM login_history_imports WHERE id = $1::uuid`,
  importId,
);
// maxRSS is the peak resident set of this process, in kilobytes.
console.log(JSON.stringify({ outcome, ms, rowsRead: row.rows_read, rowsImported: row.rows_imported, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb, peakHeapMb: mb(peak.heapTotal), peakExternalMb: mb(peak.external), peakArrayBuffersMb: mb(peak.arrayBuffers) }));
await db.$disconnect();
process.exit(0);
