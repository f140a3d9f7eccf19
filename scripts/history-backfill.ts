// `npm run history:backfill [-- --campaign <id>] [--until YYYY-MM-DD]`
// Reconstructs every day from each campaign's start to yesterday (on the app's clock) that has no
// daily snapshot yet, from the audit log and the probe history; days already recorded stay. Safe to
// run again: a new installation runs it once to see its past on the charts.
import "./lib/load-env";
import { parseArgs } from "node:util";
import { ensurePrismaClient } from "./lib/database";

function fail(message: string): never {
  console.error(`${message}\nUsage: npm run history:backfill [-- --campaign <id>] [--until YYYY-MM-DD]`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { campaign: { type: "string" }, until: { type: "string" } } }));
} catch (err) {
  fail((err as Error).message);
}
if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set.");
if (values.until && (!/^\d{4}-\d{2}-\d{2}$/.test(values.until) || Number.isNaN(Date.parse(values.until)))) fail(`--until must be a day written YYYY-MM-DD, not ${values.until}.`);

await ensurePrismaClient();
const { db } = await import("@/lib/db");
const { backfillSnapshots, campaignIds } = await import("@/lib/history/snapshots");
try {
  const ids = values.campaign ? [values.campaign] : await campaignIds();
  for (const id of ids) {
    const started = Date.now();
    const result = await backfillSnapshots(id, {
      until: values.until,
      onDay: (day, done, of) => {
        if (done % 30 === 0 || done === of) console.log(`  ${day}: ${done} of ${of} days`);
      },
    });
    console.log(
      result.filled
        ? `Campaign ${id}: reconstructed ${result.filled} days (${result.from} to ${result.to}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`
        : `Campaign ${id}: every day already has a snapshot.`,
    );
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
