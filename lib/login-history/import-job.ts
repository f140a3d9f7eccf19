import "server-only";
import type pg from "pg";
import { db, readRows } from "@/lib/db";
import { now } from "@/lib/clock";
import { logError, logInfo } from "@/lib/log";
import { JobAbortedError } from "@/lib/jobs/pool";
import { ExportFormatError } from "./columns";
import { emptyRound, RoundWriter, StartOver } from "./round-writer";
import { expectedLogins } from "./file-logins";
import { BufferPool } from "./copy-binary";
import { readLoginsAsCopy } from "./copy-reader";
import { uploadedBytes } from "./upload-stream";
import type { RowError } from "./reader";
import { syncLoginEvidence } from "./evidence";
import type { DateOrder } from "./values";

// The worker's side of an import: reads the uploaded pieces in order as one stream and stores the
// logins in rounds (round-writer.ts), all in the transaction that at the end marks the import
// done. Until that commit nothing is visible, so a cancelled import, a failed one, or one whose
// worker died (its connection closes and Postgres rolls back) leaves nothing behind. Progress goes to the import row on another connection.

export const MAX_ERRORS_KEPT = 1000;
const PROGRESS_EVERY_MS = 1000;
const HEARTBEAT_EVERY_MS = 10_000;

export type ImportOutcome = "done" | "failed" | "cancelled" | "skipped";

class Cancelled extends Error {}

interface Claimed {
  timeZone: string;
  dateOrder: DateOrder;
  bytes: string;
  gzipped: boolean;
}

async function claim(importId: string): Promise<Claimed | null> {
  const at = now();
  const [row] = await readRows<Claimed>(
    `UPDATE login_history_imports
        SET status = 'running', started_at = $2, heartbeat_at = $2, rows_read = 0, rows_refused = 0, rows_imported = 0,
            bytes_read = 0, errors = '[]', failure = NULL, rows_per_second = NULL
      WHERE id = $1::uuid AND status = 'queued' AND NOT cancel_requested
      RETURNING time_zone AS "timeZone", date_order::text AS "dateOrder", bytes::text AS bytes, gzipped`,
    [importId, at],
  );
  return row ?? null;
}

/** Runs one import; `signal` is the worker stopping (the import goes back to the queue). */
export async function runImport(importId: string, signal: AbortSignal, opts: { evidenceAt?: Date; onCommitted?: () => void } = {}): Promise<ImportOutcome> {
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
  const stats = noStats();
  try {
    let imported = 0;
    for (let careful = false; ; careful = true) {
      await client.query("BEGIN");
      try {
        imported = await readIntoLogins(client, importId, claimed, signal, stats, started, careful);
        break;
      } catch (err) {
        if (!(err instanceof StartOver) || careful) throw err;
        // Another import stored some of these logins while this one ran: nothing of this attempt
        // stays, and the file is read again with every round through the stage (round-writer.ts).
        await client.query("ROLLBACK");
        logInfo("login history import begins again", { importId, reason: err.message });
        Object.assign(stats, noStats());
      }
    }
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
    await syncLoginEvidence(client, { importId, at: opts.evidenceAt });
    await client.query("COMMIT");
    opts.onCommitted?.();
    logInfo("login history imported", { importId, rowsRead: stats.rowsRead, imported, refused: stats.refused, ms: Date.now() - started });
    // The upload is dropped after the commit, not in the import's transaction: deleting 160 MB of
    // pieces took half a second there. A worker that dies first leaves them to the sweep.
    await readRows(`DELETE FROM login_history_upload_parts WHERE import_id = $1::uuid`, [importId]).catch((err) =>
      logError("login history upload not dropped", err, { importId }),
    );
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

// Logins per round. While Postgres stores one round, Node reads the next into memory (one
// statement at a time on the connection): both cores work.
// The first is small, so that Postgres has work soon.
const ROUND_ROWS = 50_000;
const FIRST_ROUND_ROWS = 5_000;

type Stats = { rowsRead: number; refused: number; errors: RowError[]; bytes: number; from: number | null; to: number | null };
const noStats = (): Stats => ({ rowsRead: 0, refused: 0, errors: [], bytes: 0, from: null, to: null });

/** Reads the export and stores its logins in rounds (round-writer.ts); returns how many were new. */
async function readIntoLogins(client: pg.PoolClient, importId: string, claimed: Claimed, signal: AbortSignal, stats: Stats, started: number, careful: boolean): Promise<number> {
  const writer = await RoundWriter.open(client, importId, { careful });
  const pool = new BufferPool();
  let round = emptyRound();
  /** The round being written while the next one is read. */
  let writing: Promise<void> | null = null;
  let rounds = 0;
  const endRound = async () => {
    if (writing) await writing;
    writing = null;
    if (!round.logins && !round.repeatCount) return;
    const full = round;
    round = emptyRound();
    rounds++;
    writing = writer.write(full, pool);
    writing.catch(() => undefined);
  };
  let lastProgress = Date.now();
  let errorsSent = 0;
  try {
    for await (const batch of readLoginsAsCopy(uploadedBytes(importId, stats), {
      timeZone: claimed.timeZone,
      dateOrder: claimed.dateOrder,
      importId,
      pool,
      expectedLogins: expectedLogins(Number(claimed.bytes), claimed.gzipped),
    })) {
      if (signal.aborted) throw new JobAbortedError();
      stats.rowsRead = batch.rowsRead;
      stats.refused += batch.errors.length;
      for (const e of batch.errors) if (stats.errors.length < MAX_ERRORS_KEPT) stats.errors.push(e);
      if (batch.from !== null && (stats.from === null || batch.from < stats.from)) stats.from = batch.from;
      if (batch.to !== null && (stats.to === null || batch.to > stats.to)) stats.to = batch.to;
      if (batch.logins || batch.repeatCount) {
        if (batch.logins) round.rows.push(batch.copy);
        if (batch.repeatCount) round.repeats.push(batch.repeats);
        round.logins += batch.logins;
        round.repeatCount += batch.repeatCount;
        if (round.from === null || batch.from! < round.from) round.from = batch.from;
        if (round.to === null || batch.to! > round.to) round.to = batch.to;
      }
      if (round.logins >= (rounds === 0 ? FIRST_ROUND_ROWS : ROUND_ROWS)) await endRound();
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
    await writing;
  } catch (err) {
    // Let the round in flight finish (its statements hold the connection) before the rollback.
    await (writing as Promise<void> | null)?.catch(() => undefined);
    throw err;
  }
  logInfo("login history rounds", { importId, direct: writer.direct, staged: writer.staged });
  return writer.imported;
}
