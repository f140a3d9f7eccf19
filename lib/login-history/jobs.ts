import "server-only";
import { readRows } from "@/lib/db";
import { now } from "@/lib/clock";
import { logInfo } from "@/lib/log";
import type { JobHandler } from "@/lib/jobs/pool";
import type { ScheduleSpec } from "@/lib/jobs/scheduler";
import { runImport } from "./import-job";
import { LOGIN_HISTORY_QUEUE, LOGIN_HISTORY_SWEEP_QUEUE, sendImportJob, type LoginHistoryJob } from "./queue";

// The Login History jobs a worker runs (registered in lib/jobs/catalog.ts): each import, one at a
// time per worker (it keeps a core busy), and the sweep for imports whose worker died.

export const importJobHandler: JobHandler<LoginHistoryJob> = {
  queue: LOGIN_HISTORY_QUEUE,
  concurrency: 1,
  run: ({ importId }, { signal }) => runImport(importId, signal),
};

/** A running import whose heartbeat (every 10 s) is this old lost its worker. */
export const LOST_AFTER_MS = 2 * 60_000;
const UNSENT_AFTER_MS = 2 * 60_000;

/**
 * Fails imports whose worker died (their transaction was rolled back with the connection, so no
 * login is left; the upload is dropped too), sends the job again for queued imports that have none,
 * and drops the upload of a finished import whose worker died right after its commit.
 */
export async function sweepImports(): Promise<{ failed: number; resent: number }> {
  const at = now().getTime();
  const failed = await readRows<{ id: string }>(
    `WITH lost AS (
       SELECT id FROM login_history_imports WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < $1
     ), gone AS (DELETE FROM login_history_upload_parts WHERE import_id IN (SELECT id FROM lost))
     UPDATE login_history_imports i
        SET status = 'failed', finished_at = $2, rows_imported = 0,
            failure = 'The worker reading this import stopped without finishing. Nothing was kept: upload the file again.'
       FROM lost WHERE i.id = lost.id
     RETURNING i.id::text AS id`,
    [new Date(at - LOST_AFTER_MS), new Date(at)],
  );
  const unsent = await readRows<{ id: string }>(
    `SELECT i.id::text AS id FROM login_history_imports i
      WHERE i.status = 'queued' AND i.uploaded_at < $1 AND i.bytes > 0
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $2 AND j.id = i.id AND j.state IN ('created', 'retry', 'active'))
      LIMIT 100`,
    [new Date(at - UNSENT_AFTER_MS), LOGIN_HISTORY_QUEUE.name],
  );
  for (const { id } of unsent) await sendImportJob(id);
  // A finished import's upload is dropped after its commit; a worker that died in between left it.
  await readRows(
    `DELETE FROM login_history_upload_parts p USING login_history_imports i
      WHERE p.import_id = i.id AND i.status IN ('done', 'failed', 'cancelled')`,
  );
  return { failed: failed.length, resent: unsent.length };
}

export const importSweepJobHandler: JobHandler = {
  queue: LOGIN_HISTORY_SWEEP_QUEUE,
  concurrency: 1,
  async run() {
    const { failed, resent } = await sweepImports();
    if (failed || resent) logInfo("login history sweep", { failed, resent });
  },
};

export const importSweepSchedule: ScheduleSpec = {
  name: "login-history-sweep",
  queue: LOGIN_HISTORY_SWEEP_QUEUE,
  cadence: async () => ({ everyMinutes: 1, offsetMinutes: 0 }),
};
