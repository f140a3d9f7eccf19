// The demo's readiness history: its daily snapshots, reconstructed from the audit log and the
// probe history up to the day before the demo clock starts (the worker records later days).
import { backfillSnapshots, campaignIds } from "@/lib/history/snapshots";
import { dayOf, shiftDay } from "@/lib/history/days";

/** Returns what it did, for the demo's log. */
export async function backfillDemoHistory(clockStart: string): Promise<string> {
  const until = shiftDay(dayOf(new Date(clockStart)), -1);
  let filled = 0;
  for (const id of await campaignIds()) filled += (await backfillSnapshots(id, { until })).filled;
  return filled ? `${filled} days up to ${until}.` : `already up to date.`;
}
