// Reads a Login History export as a stream: gzip or plain (told by the first bytes), a UTF-8 BOM,
// quoted fields with commas and line breaks, CRLF, blank lines. Yields batches of logins and of
// unreadable rows (with the line the row starts on), so a 1,000,000-row export is read with
// bounded memory. Framework-free: used by the worker's import job and the upload preview.
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ExportFormatError, mapColumns, type ColumnMap, type LoginField } from "./columns";
import { csvRecords } from "./csv-records";
import { normaliseTls, parseLoginTime, type TimeOptions, type TlsProtocol } from "./values";

export interface LoginRow {
  line: number;
  username: string;
  /** The Login Time as written, for the preview. */
  rawTime: string;
  loginAt: Date;
  sourceIp: string;
  loginType: string;
  status: string;
  browser: string;
  platform: string;
  application: string;
  clientVersion: string;
  apiType: string;
  apiVersion: string;
  loginUrl: string;
  tlsProtocol: TlsProtocol;
  cipherSuite: string;
}

export interface RowError {
  line: number;
  reason: string;
}

export interface Batch {
  rows: LoginRow[];
  errors: RowError[];
  /** Rows read so far (good and bad), header excluded. */
  rowsRead: number;
}

export interface ReadOptions extends TimeOptions {
  /** Logins per batch. */
  batchSize?: number;
  /** Told the header and where each field was found (the preview shows it). */
  onHeader?: (header: string[], map: ColumnMap) => void;
}

// Parts of a login's identity (unique index): long values are refused, not truncated, so two
// different logins never collapse into one.
const KEY_LIMIT = 255;
const OTHER_LIMIT = 1000;
const KEY_FIELDS = new Set<LoginField>(["username", "sourceIp", "application"]);
const LABELS: Partial<Record<LoginField, string>> = { username: "Username", sourceIp: "Source IP", application: "Application" };
const TIME_FORMATS = "ISO 8601, M/d/yyyy h:mm a or dd/MM/yyyy HH:mm";

/** Postgres text cannot hold NUL; nothing in a login needs it. */
const clean = (v: string | undefined) => (v === undefined ? "" : v.includes("\0") ? v.replaceAll("\0", "").trim() : v.trim());

function rowReader(map: ColumnMap, width: number, opts: TimeOptions) {
  const get = (record: string[], field: LoginField) => (map[field] < 0 ? "" : clean(record[map[field]]));
  return (record: string[], line: number): LoginRow | RowError => {
    if (record.length !== width) return { line, reason: `has ${record.length} fields; the header has ${width}` };
    const username = get(record, "username");
    if (!username) return { line, reason: "has no Username" };
    const rawTime = get(record, "loginTime");
    const loginAt = parseLoginTime(rawTime, opts);
    if (!loginAt) return { line, reason: rawTime ? `Login Time “${rawTime.slice(0, 40)}” is not a date and time in ${TIME_FORMATS}` : "has no Login Time" };
    const rawTls = get(record, "tlsProtocol");
    const tlsProtocol = normaliseTls(rawTls);
    if (!tlsProtocol) return { line, reason: `TLS Protocol “${rawTls.slice(0, 40)}” is not TLS 1.0, 1.1, 1.2 or 1.3 (or blank, N/A, Unknown)` };
    const row: LoginRow = {
      line, username, rawTime, loginAt, tlsProtocol,
      sourceIp: get(record, "sourceIp"),
      loginType: get(record, "loginType"),
      status: get(record, "status"),
      browser: get(record, "browser"),
      platform: get(record, "platform"),
      application: get(record, "application"),
      clientVersion: get(record, "clientVersion"),
      apiType: get(record, "apiType"),
      apiVersion: get(record, "apiVersion"),
      loginUrl: get(record, "loginUrl"),
      cipherSuite: get(record, "cipherSuite"),
    };
    for (const key of KEY_FIELDS) {
      if ((row[key as keyof LoginRow] as string).length > KEY_LIMIT) return { line, reason: `${LABELS[key]} is longer than ${KEY_LIMIT} characters` };
    }
    for (const f of ["loginType", "status", "browser", "platform", "clientVersion", "apiType", "apiVersion", "loginUrl", "cipherSuite"] as const) {
      if (row[f].length > OTHER_LIMIT) row[f] = row[f].slice(0, OTHER_LIMIT);
    }
    return row;
  };
}

/** The bytes, gunzipped when they start with gzip's magic number. */
async function* decoded(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.length < 2) {
    const more = await it.next();
    if (more.done) break;
    first = { done: false, value: Buffer.concat([first.value, more.value]) };
  }
  if (first.done) return;
  const head = Buffer.from(first.value);
  const rest = (async function* () {
    yield head;
    for (let n = await it.next(); !n.done; n = await it.next()) yield Buffer.from(n.value);
  })();
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = Readable.from(rest).pipe(createGunzip());
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } catch (err) {
      throw new ExportFormatError(`The file starts as gzip but cannot be unpacked (${(err as Error).message}).`);
    }
  } else yield* rest;
}

/**
 * Reads the export and yields batches of logins and unreadable rows. Throws ExportFormatError
 * when the file as a whole cannot be read (empty, not gzip though it says so, no TLS column).
 */
export async function* readLogins(source: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncGenerator<Batch> {
  const batchSize = opts.batchSize ?? 5000;
  let read: ((record: string[], line: number) => LoginRow | RowError) | null = null;
  let batch: Batch = { rows: [], errors: [], rowsRead: 0 };
  let rowsRead = 0;
  for await (const items of csvRecords(decoded(source))) {
    for (const item of items) {
      if (!read) {
        if ("error" in item) throw new ExportFormatError(`The header row is not valid CSV (${item.error}).`);
        const header = item.record.map((h) => clean(h));
        const map = mapColumns(header);
        opts.onHeader?.(header, map);
        read = rowReader(map, item.record.length, opts);
        continue;
      }
      rowsRead++;
      if ("error" in item) {
        batch.errors.push({ line: item.line, reason: `is not valid CSV (${item.error})` });
      } else {
        const out = read(item.record, item.line);
        if ("reason" in out) batch.errors.push(out);
        else batch.rows.push(out);
      }
      if (batch.rows.length + batch.errors.length >= batchSize) {
        batch.rowsRead = rowsRead;
        yield batch;
        batch = { rows: [], errors: [], rowsRead };
      }
    }
  }
  if (!read) throw new ExportFormatError("The file is empty: a Login History export starts with a header row (Username, Login Time, ..., TLS Protocol).");
  batch.rowsRead = rowsRead;
  if (batch.rows.length || batch.errors.length) yield batch;
}
