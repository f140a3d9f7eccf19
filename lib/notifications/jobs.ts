import "server-only";
import type { JobHandler } from "@/lib/jobs/pool";
import type { ScheduleSpec } from "@/lib/jobs/scheduler";
import { attemptDelivery } from "./deliveries";
import { DELIVERY_QUEUE, NOTIFY_SCAN_QUEUE, type DeliveryJob } from "./queue";
import { scanOccasions } from "./scan";

// The notification jobs a worker runs (registered in lib/jobs/catalog.ts): the scan for what is due,
// every quarter of an hour on the board's clock, and one job per delivery.

export const deliveryJobHandler: JobHandler<DeliveryJob> = {
  queue: DELIVERY_QUEUE,
  concurrency: 4,
  async run({ deliveryId }) {
    return (await attemptDelivery(deliveryId)).outcome;
  },
};

export const notificationScanJobHandler: JobHandler = {
  queue: NOTIFY_SCAN_QUEUE,
  concurrency: 1,
  async run() {
    const { recorded } = await scanOccasions();
    return `recorded ${recorded}`;
  },
};

export const notificationScanSchedule: ScheduleSpec = {
  name: "notification-scan",
  queue: NOTIFY_SCAN_QUEUE,
  cadence: async () => ({ everyMinutes: 15, offsetMinutes: 0 }),
};
