import "server-only";
import { now } from "@/lib/clock";
import { logInfo } from "@/lib/log";
import { defineQueue } from "@/lib/jobs/queue";
import type { JobHandler } from "@/lib/jobs/pool";
import type { ScheduledJob, ScheduleSpec } from "@/lib/jobs/scheduler";
import { addDays, dayOf, shiftDay, startOfDay } from "./days";
import { backfillSnapshots, campaignIds, takeSnapshot } from "./snapshots";

// The daily snapshot (registered in lib/jobs/catalog.ts): at 23:55 of each day on the app's clock,
// every campaign's day is recorded from the live tables. A slot fired late (the workers were down
// past midnight) is reconstructed instead, since the tables have moved on; days missed entirely
// are reconstructed by the backfill that follows.

export const SNAPSHOT_QUEUE = defineQueue({ name: "readiness-snapshot", retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 });

/** 23:55 UTC on the app's clock, every day. */
export const SNAPSHOT_CADENCE = { everyMinutes: 1440, offsetMinutes: 1435 };

/** Records `slot`'s day for every campaign; returns how many days were written. */
export async function snapshotDay(slot: Date): Promise<number> {
  const day = dayOf(slot);
  const late = now() >= addDays(startOfDay(day), 1);
  let written = 0;
  for (const id of await campaignIds()) {
    await takeSnapshot(id, day, late ? "reconstructed" : "live");
    written += 1 + (await backfillSnapshots(id, { until: shiftDay(day, -1) })).filled;
  }
  return written;
}

export const snapshotJobHandler: JobHandler<ScheduledJob> = {
  queue: SNAPSHOT_QUEUE,
  concurrency: 1,
  async run({ slot }) {
    const written = await snapshotDay(new Date(slot));
    logInfo("daily readiness snapshot", { day: dayOf(new Date(slot)), written });
    return "snapshot";
  },
};

export const snapshotSchedule: ScheduleSpec = {
  name: "readiness-snapshot",
  queue: SNAPSHOT_QUEUE,
  cadence: async () => SNAPSHOT_CADENCE,
};
