import "server-only";
import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom, type CopyStreamQuery } from "pg-copy-streams";
import { db, readRows } from "@/lib/db";
import { now } from "@/lib/clock";
import { logError, logInfo } from "@/lib/log";
import { JobAbortedError } from "@/lib/jobs/pool";
import { ExportFormatError } from "./columns";
import { STAGE_COLUMNS, STAGE_TABLE_SQL, STAGE_TO_LOGINS } from "./copy-text";
import { readLoginsAsCopy, type RowError } from "./reader";
import { syncLoginEvidence } from "./evidence";
import type { DateOrder } from "./values";

// The worker's side of an import: reads the uploaded pieces in order as one stream, COPYs the
// logins into a temporary table in batches, and at the end adds the new ones to the logins in the
// same transaction that marks the import done. Until that commit nothing is visible, so a
// cancelled import, a failed one, or one whose worker died (its connection closes and Postgres
// rolls back) leaves nothing behind. Progress goes to the import row on another connection.

export const MAX_ERRORS_KEPT = 1000;
const PROGRESS_EVERY_MS = 1000;
const HEARTBEAT_EVERY_MS = 10_000;

export type ImportOutcome = "done" | "failed" | "cancelled" | "skipped";

class Cancelled extends Error {}

interface Claimed {
  timeZone: string;
  dateOrder: DateOrder;
  bytes: string;
}

async function claim(importId: string): Promise<Claimed | null> {
  const at = now();
  const [row] = await readRows<Claimed>(
    `UPDATE login_history_imports
        SET status = 'running', started_at = $2, heartbeat_at = $2, rows_read = 0, rows_refused = 0, rows_imported = 0,
            bytes_read = 0, errors = '[]', failure = NULL, rows_per_second = NULL
      WHERE id = $1::uuid AND status = 'queued' AND NOT cancel_requested
      RETURNING time_zone AS "timeZone", date_order::text AS "dateOrder", bytes::text AS bytes`,
    [importId, at],
  );
  return row ?? null;
}

/** The upload, piece by piece in order, one piece in memory at a time. */
async function* uploadedBytes(importId: string, progress: { bytes: number }): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const [part] = await readRows<{ data: Buffer }>(`SELECT data FROM login_history_upload_parts WHERE import_id = $1::uuid AND seq = $2`, [importId, seq]);
    if (!part) return;
    progress.bytes += part.data.length;
    yield part.data;
  }
}

/** Runs one import; `signal` is the worker stopping (the import goes back to the queue). */
export async function runImport(importId: string, signal: AbortSignal, opts: { evidenceAt?: Date } = {}): Promise<ImportOutcome> {
  const claimed = await claim(importId);
  if (!claimed) return "skipped";
  const started = Date.now();
  const heartbeat = setInterval(() => {
    readRows(`UPDATE login_history_imports SET heartbeat_at = $2 WHERE id = $1::uuid AND status = 'running'`, [importId, now()]).catch((err) =>
      logError("login history heartbeat failed", err, { importId }),
    );
  }, HEARTBEAT_EVERY_MS);
  const client = await db.pool.connect();
  let broken: Error | null = null;
  const onError = (err: Error) => (broken = err);
  client.on("error", onError);
  const stats: Stats = { rowsRead: 0, refused: 0, errors: [], bytes: 0, from: null, to: null };
  try {
    await client.query("BEGIN");
    const imported = await readIntoStage(client, importId, claimed, signal, stats, started);
    const finished = now();
    const done = await client.query(
      `UPDATE login_history_imports i
          SET status = 'done', finished_at = $2, heartbeat_at = $2, rows_read = $3, rows_refused = $4, rows_imported = $5,
              errors = $6::jsonb, bytes_read = i.bytes, rows_per_second = $7, from_at = $8, to_at = $9
        WHERE i.id = $1::uuid AND i.status = 'running' AND NOT i.cancel_requested`,
      [
        importId, finished, stats.rowsRead, stats.refused, imported, JSON.stringify(stats.errors), rate(stats.rowsRead, started),
        stats.from === null ? null : new Date(stats.from), stats.to === null ? null : new Date(stats.to),
      ],
    );
    if (done.rowCount !== 1) throw new Cancelled();
    await client.query(`DELETE FROM login_history_upload_parts WHERE import_id = $1::uuid`, [importId]);
    await syncLoginEvidence(client, { importId, at: opts.evidenceAt });
    await client.query("COMMIT");
    logInfo("login history imported", { importId, rowsRead: stats.rowsRead, imported, refused: stats.refused, ms: Date.now() - started });
    return "done";
  } catch (err) {
    // The connection may be mid-COPY: drop it rather than hand it back (its transaction goes with it).
    broken ??= err as Error;
    await client.query("ROLLBACK").catch(() => undefined);
    if (signal.aborted && !(err instanceof Cancelled)) {
      await readRows(`UPDATE login_history_imports SET status = 'queued', heartbeat_at = NULL WHERE id = $1::uuid AND status = 'running'`, [importId]);
      throw new JobAbortedError();
    }
    if (err instanceof Cancelled) {
      await finishWithout(importId, "cancelled", null, stats);
      return "cancelled";
    }
    const message = err instanceof ExportFormatError ? err.message : `The import stopped: ${(err as Error).message}. Nothing was kept; upload the file again.`;
    if (!(err instanceof ExportFormatError)) logError("login history import failed", err, { importId });
    await finishWithout(importId, "failed", message, stats);
    return "failed";
  } finally {
    clearInterval(heartbeat);
    client.off("error", onError);
    client.release(broken ?? undefined);
  }
}

const rate = (rows: number, started: number) => Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));

/** A cancelled or failed import keeps its row (who, when, why) but no logins and no upload. */
async function finishWithout(importId: string, status: "cancelled" | "failed", failure: string | null, stats: { rowsRead: number; refused: number; errors: RowError[] }) {
  await readRows(
    `WITH gone AS (DELETE FROM login_history_upload_parts WHERE import_id = $1::uuid)
     UPDATE login_history_imports SET status = $2::"LoginHistoryImportStatus", failure = $3, finished_at = $4, heartbeat_at = $4,
            rows_read = $5, rows_refused = $6, rows_imported = 0, errors = $7::jsonb
      WHERE id = $1::uuid AND status IN ('running', 'queued')`,
    [importId, status, failure, now(), stats.rowsRead, stats.refused, JSON.stringify(stats.errors)],
  );
}

// Logins per round of COPY into the stage then INSERT into the logins. While Postgres inserts one
// round, Node parses the next into memory (one statement at a time on the connection): both cores work.
const ROUND_ROWS = 50_000;

type Stats = { rowsRead: number; refused: number; errors: RowError[]; bytes: number; from: number | null; to: number | null };

/** COPYs the export into lh_stage (dropped at commit) in rounds, adding each round to the logins; returns how many were new. */
async function readIntoStage(client: pg.PoolClient, importId: string, claimed: Claimed, signal: AbortSignal, stats: Stats, started: number): Promise<number> {
  await client.query(STAGE_TABLE_SQL);
  let imported = 0;
  let copy: CopyStreamQuery | null = null;
  /** The round being inserted, and the next round's rows parsed meanwhile. */
  let inserting: Promise<void> | null = null;
  const held: Buffer[] = [];
  let inRound = 0;

  const write = async (text: Buffer | null) => {
    if (!copy) {
      const stream: CopyStreamQuery = client.query(copyFrom(`COPY lh_stage (${STAGE_COLUMNS.join(", ")}) FROM STDIN`));
      copy = stream;
      for (const t of held.splice(0)) if (!stream.write(t)) await once(stream, "drain");
    }
    const stream: CopyStreamQuery = copy;
    if (text && !stream.write(text)) await once(stream, "drain");
  };
  /** Ends this round's COPY and starts its INSERT; the next round is held in memory until it is done. */
  const endRound = async () => {
    if (inserting) await inserting;
    if (held.length) await write(null);
    if (!copy) return;
    const finished = copy;
    copy = null;
    finished.end();
    await once(finished, "finish");
    inserting = (async () => {
      const r = await client.query(
        `INSERT INTO login_history_logins (import_id, ${STAGE_TO_LOGINS.map(([c]) => c).join(", ")})
         SELECT $1::uuid, ${STAGE_TO_LOGINS.map(([, e]) => e).join(", ")} FROM lh_stage
         ON CONFLICT (login_at, username, source_ip, application, tls_protocol) DO NOTHING`,
        [importId],
      );
      imported += r.rowCount ?? 0;
      await client.query("TRUNCATE lh_stage");
      inserting = null;
    })();
    inserting.catch(() => undefined);
    inRound = 0;
  };
  let lastProgress = Date.now();
  let errorsSent = 0;
  try {
    for await (const batch of readLoginsAsCopy(uploadedBytes(importId, stats), { timeZone: claimed.timeZone, dateOrder: claimed.dateOrder })) {
      if (signal.aborted) throw new JobAbortedError();
      stats.rowsRead = batch.rowsRead;
      stats.refused += batch.errors.length;
      for (const e of batch.errors) if (stats.errors.length < MAX_ERRORS_KEPT) stats.errors.push(e);
      if (batch.from !== null && (stats.from === null || batch.from < stats.from)) stats.from = batch.from;
      if (batch.to !== null && (stats.to === null || batch.to > stats.to)) stats.to = batch.to;
      if (batch.logins) {
        if (inserting) held.push(batch.copy);
        else await write(batch.copy);
        inRound += batch.logins;
      }
      if (inRound >= ROUND_ROWS) await endRound();
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        const errors = stats.errors.length !== errorsSent ? JSON.stringify(stats.errors) : null;
        errorsSent = stats.errors.length;
        const [row] = await readRows<{ cancel: boolean }>(
          `UPDATE login_history_imports
              SET rows_read = $2, rows_refused = $3, bytes_read = $4, rows_per_second = $5, heartbeat_at = $6, errors = coalesce($7::jsonb, errors)
            WHERE id = $1::uuid AND status = 'running'
            RETURNING cancel_requested AS cancel`,
          [importId, stats.rowsRead, stats.refused, stats.bytes, rate(stats.rowsRead, started), now(), errors],
        );
        if (!row || row.cancel) throw new Cancelled();
      }
    }
    await endRound();
    await inserting;
  } catch (err) {
    (copy as CopyStreamQuery | null)?.destroy();
    await (inserting as Promise<void> | null)?.catch(() => undefined);
    throw err;
  }
  return imported;
}
