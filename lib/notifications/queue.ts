import "server-only";
import { defineQueue, sendJobs } from "@/lib/jobs/queue";

// One job per delivery, its id the delivery's: sending again never makes a second job, and a pg-boss
// job is taken by one worker at a time, so several workers never send the same message twice.
// A mail server that is down is tried again with a doubling delay (about 1, 2, 4 … minutes).

export interface DeliveryJob {
  deliveryId: string;
}

export const DELIVERY_QUEUE = defineQueue({
  name: "notification-delivery",
  retryLimit: Number(process.env.NOTIFY_RETRY_LIMIT ?? 8),
  retryDelay: Number(process.env.NOTIFY_RETRY_DELAY_SECONDS ?? 60),
  retryBackoff: true,
  expireInSeconds: 120,
});

/** The occasion scan: finds what is due and records one delivery per recipient. */
export const NOTIFY_SCAN_QUEUE = defineQueue({ name: "notification-scan", retryLimit: 2, retryDelay: 30, expireInSeconds: 600 });

/** How many times a delivery is tried before it is marked failed: the first try and the retries. */
export const MAX_ATTEMPTS = DELIVERY_QUEUE.retryLimit + 1;

export function sendDeliveryJobs(ids: string[]): Promise<void> {
  return sendJobs<DeliveryJob>(DELIVERY_QUEUE, ids.map((deliveryId) => ({ id: deliveryId, data: { deliveryId } })));
}
