import "server-only";
import { defineQueue, sendJobs } from "@/lib/jobs/queue";

// One job per import, its id the import's: sending again never doubles one. A worker that stops
// hands the import back (queued) for another; one that dies is found by the sweep (./sweep.ts).

export interface LoginHistoryJob {
  importId: string;
}

export const LOGIN_HISTORY_QUEUE = defineQueue({
  name: "login-history-import",
  retryLimit: 3,
  retryDelay: 5,
  // A 1,000,000-row export takes a minute or two; the lease is wide so it is never taken twice.
  expireInSeconds: 3 * 3600,
});

export const LOGIN_HISTORY_SWEEP_QUEUE = defineQueue({ name: "login-history-sweep", retryLimit: 0, retryDelay: 5, expireInSeconds: 120 });

export function sendImportJob(importId: string): Promise<void> {
  return sendJobs<LoginHistoryJob>(LOGIN_HISTORY_QUEUE, [{ id: importId, data: { importId } }]);
}
