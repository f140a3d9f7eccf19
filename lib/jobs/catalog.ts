import "server-only";
import { probeJobHandler, probeSweepJobHandler, probeSweepSchedule, reprobeJobHandler, reprobeSchedule } from "@/lib/probes/jobs";
import { deliveryJobHandler, notificationScanJobHandler, notificationScanSchedule } from "@/lib/notifications/jobs";
import { snapshotJobHandler, snapshotSchedule } from "@/lib/history/jobs";
import { importJobHandler, importSweepJobHandler, importSweepSchedule } from "@/lib/login-history/jobs";
import type { JobHandler } from "./pool";
import type { ScheduleSpec } from "./scheduler";

// Every named job a worker runs, and every schedule that sends them. A feature with background
// work adds its handler (and schedule, if any) here; the job host (./host.ts) does the rest.

export interface CatalogOptions {
  /** Probes one worker runs at once (WORKER_CONCURRENCY). */
  probeConcurrency: number;
}

export function jobHandlers(opts: CatalogOptions): JobHandler[] {
  return [probeJobHandler(opts.probeConcurrency), reprobeJobHandler, probeSweepJobHandler, deliveryJobHandler, notificationScanJobHandler, snapshotJobHandler, importJobHandler, importSweepJobHandler] as JobHandler[];
}

export function schedules(): ScheduleSpec[] {
  return [reprobeSchedule, probeSweepSchedule, notificationScanSchedule, snapshotSchedule, importSweepSchedule];
}
