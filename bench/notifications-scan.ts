// Child of bench/notifications.ts: times the scan in a process of its own, whose lib/db opens the
// bench's database (the parent's was opened at import time on another). Prints one JSON line.
export {};

const AT = new Date("2017-02-20T09:00:00Z");
const runs = Number(process.argv[2] ?? 7);

const { readRows, db } = await import("../lib/db");
const { LIST_COLUMNS, LIST_FROM } = await import("../lib/integrations/query");
const { scanOccasions } = await import("../lib/notifications/scan");

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

const baselineRead = () => readRows(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE i.owner_id IS NOT NULL AND i.status <> 'retired' ORDER BY i.name, i.id`);
await baselineRead();
const [firstMs, first] = await timed(() => scanOccasions(AT, { send: false }));
const baseline: number[] = [];
const steady: number[] = [];
for (let i = 0; i < runs; i++) {
  baseline.push((await timed(baselineRead))[0]);
  steady.push((await timed(() => scanOccasions(AT, { send: false })))[0]);
}
await db.$disconnect();
console.log(JSON.stringify({ firstMs, recorded: first.recorded, baseline, steady }));
process.exit(0);
