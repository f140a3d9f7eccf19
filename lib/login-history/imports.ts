import "server-only";
import { db, readRows, withTransaction } from "@/lib/db";
import { now } from "@/lib/clock";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { AppError, ConflictError, NotFoundError, isUuid } from "@/lib/errors";
import { sendImportJob } from "./queue";
import { syncLoginEvidence } from "./evidence";
import type { RowError } from "./reader";
import type { DateOrder } from "./values";

// Imports as people see them: upload (the file streamed into Postgres in ~1 MB pieces, then one
// job for a worker), progress, cancel, delete with their logins.

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const PART_BYTES = 1024 * 1024;

export class UploadTooLargeError extends AppError {
  constructor() {
    super(413, "too_large", `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Gzip it (exports shrink about tenfold) or split it by date range.`);
  }
}

export type ImportStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface ImportView {
  id: string;
  fileName: string;
  uploadedBy: { id: string; name: string } | null;
  uploadedAt: Date;
  status: ImportStatus;
  timeZone: string;
  dateOrder: DateOrder;
  rowsRead: number;
  rowsImported: number;
  rowsRefused: number;
  errors: RowError[];
  failure: string | null;
  from: Date | null;
  to: Date | null;
  bytes: number;
  bytesRead: number;
  rowsPerSecond: number | null;
  /** Estimated from the bytes still to read at the current rate; null when not running. */
  secondsLeft: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const SELECT = `SELECT i.id::text AS id, i.file_name AS "fileName", i.uploaded_at AS "uploadedAt", i.status::text AS status,
  i.time_zone AS "timeZone", i.date_order::text AS "dateOrder", i.rows_read AS "rowsRead", i.rows_imported AS "rowsImported",
  i.rows_refused AS "rowsRefused", i.failure, i.from_at AS "from", i.to_at AS "to", i.bytes::float8 AS bytes, i.bytes_read::float8 AS "bytesRead",
  i.rows_per_second AS "rowsPerSecond", i.started_at AS "startedAt", i.finished_at AS "finishedAt",
  CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "uploadedBy"`;

type Row = Omit<ImportView, "secondsLeft" | "errors">;

function view(row: Row, errors: RowError[]): ImportView {
  let secondsLeft: number | null = null;
  if (row.status === "running" && row.startedAt && row.bytesRead > 0) {
    const elapsed = (now().getTime() - new Date(row.startedAt).getTime()) / 1000;
    secondsLeft = Math.max(0, Math.round(((row.bytes - row.bytesRead) * elapsed) / row.bytesRead));
  }
  return { ...row, errors, secondsLeft };
}

export async function getImport(actor: Actor, id: string): Promise<ImportView> {
  assertCan(actor, "loginHistory.read");
  if (!isUuid(id)) throw new NotFoundError("Login History import");
  const [row] = await readRows<Row & { errors: RowError[] }>(`${SELECT}, i.errors FROM login_history_imports i LEFT JOIN users u ON u.id = i.uploaded_by_id WHERE i.id = $1::uuid`, [id]);
  if (!row) throw new NotFoundError("Login History import");
  const { errors, ...rest } = row;
  return view(rest, errors);
}

/** The newest imports first, without their row errors (read one import for those). */
export async function listImports(actor: Actor, limit = 50): Promise<ImportView[]> {
  assertCan(actor, "loginHistory.read");
  const rows = await readRows<Row>(`${SELECT} FROM login_history_imports i LEFT JOIN users u ON u.id = i.uploaded_by_id ORDER BY i.uploaded_at DESC, i.id LIMIT $1`, [limit]);
  return rows.map((r) => view(r, []));
}

export interface UploadInput {
  fileName: string;
  timeZone: string;
  dateOrder: DateOrder;
}

/**
 * Stores the upload and queues its import. The body streams into the database a piece at a time
 * inside one transaction, so an upload that breaks off or runs past the limit leaves nothing.
 */
export async function createImport(
  actor: Actor,
  input: UploadInput,
  body: AsyncIterable<Uint8Array>,
  opts: { queue?: boolean; at?: Date } = {},
): Promise<{ id: string }> {
  assertCan(actor, "loginHistory.manage");
  // The demo seed records its upload in the demo's past.
  const at = opts.at ?? now();
  const id = await withTransaction(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO login_history_imports (file_name, uploaded_by_id, uploaded_at, time_zone, date_order)
       VALUES ($1, $2::uuid, $3, $4, $5::"LoginHistoryDateOrder") RETURNING id::text`,
      [input.fileName, actor.id, at, input.timeZone, input.dateOrder],
    );
    const importId = rows[0].id;
    let seq = 0;
    let size = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let gzipped: boolean | null = null;
    const flush = async () => {
      if (!pendingBytes) return;
      await client.query(`INSERT INTO login_history_upload_parts (import_id, seq, data) VALUES ($1::uuid, $2, $3)`, [importId, seq++, Buffer.concat(pending)]);
      pending = [];
      pendingBytes = 0;
    };
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > MAX_UPLOAD_BYTES) throw new UploadTooLargeError();
      if (gzipped === null && chunk.byteLength >= 2) gzipped = chunk[0] === 0x1f && chunk[1] === 0x8b;
      pending.push(Buffer.from(chunk));
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= PART_BYTES) await flush();
    }
    await flush();
    if (size === 0) throw new AppError(422, "invalid", "The file is empty: send the Login History export as the request body.", { file: "is empty" });
    await client.query(`UPDATE login_history_imports SET bytes = $2, gzipped = $3 WHERE id = $1::uuid`, [importId, size, Boolean(gzipped)]);
    return importId;
  });
  await db.$transaction((tx) =>
    recordAudit(tx, auditActor(actor), {
      action: "login_history.upload",
      at,
      entityType: "login_history_import",
      entityId: id,
      summary: `Uploaded the Login History export “${input.fileName}” for import`,
      after: { fileName: input.fileName, timeZone: input.timeZone, dateOrder: input.dateOrder },
    }),
  );
  // Not sent (the queue unreachable): the sweep sends it again. The demo seed runs it itself.
  if (opts.queue !== false) await sendImportJob(id).catch(() => undefined);
  return { id };
}

/** Asks the worker to stop; an import not yet started is cancelled at once. */
export async function cancelImport(actor: Actor, id: string): Promise<ImportView> {
  assertCan(actor, "loginHistory.manage");
  const before = await getImport(actor, id);
  if (before.status !== "queued" && before.status !== "running") {
    throw new ConflictError(`This import is ${before.status}: only a queued or running import can be cancelled.`, before);
  }
  await readRows(
    `WITH gone AS (DELETE FROM login_history_upload_parts WHERE import_id = $1::uuid AND EXISTS (SELECT 1 FROM login_history_imports WHERE id = $1::uuid AND status = 'queued'))
     UPDATE login_history_imports
        SET cancel_requested = true,
            status = CASE WHEN status = 'queued' THEN 'cancelled'::"LoginHistoryImportStatus" ELSE status END,
            finished_at = CASE WHEN status = 'queued' THEN $2::timestamptz ELSE finished_at END
      WHERE id = $1::uuid`,
    [id, now()],
  );
  await db.$transaction((tx) =>
    recordAudit(tx, auditActor(actor), { action: "login_history.cancel", entityType: "login_history_import", entityId: id, summary: `Cancelled the import of “${before.fileName}”` }),
  );
  return getImport(actor, id);
}

/** Deletes an import with the logins it brought; a running one is stopped (its worker finds it gone). */
export async function deleteImport(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "loginHistory.manage");
  const before = await getImport(actor, id);
  await withTransaction(async (client) => {
    await client.query(`DELETE FROM login_history_imports WHERE id = $1::uuid`, [id]);
    await syncLoginEvidence(client);
  });
  await db.$transaction((tx) =>
    recordAudit(tx, auditActor(actor), {
      action: "login_history.delete",
      entityType: "login_history_import",
      entityId: id,
      summary: `Deleted the Login History import “${before.fileName}” (it had brought ${before.rowsImported} logins; those another import also held stay)`,
      before: { fileName: before.fileName, status: before.status, rowsImported: before.rowsImported },
    }),
  );
}
