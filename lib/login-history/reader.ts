// Reads a Login History export as a stream: gzip or plain (told by the first bytes), a UTF-8 BOM,
// quoted fields with commas and line breaks, CRLF, blank lines. Yields batches of logins and of
// unreadable rows (with the line the row starts on), so a 1,000,000-row export is read with
// bounded memory. Framework-free: used by the worker's import job and the upload preview.
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ExportFormatError, mapColumns, type ColumnMap, type LoginField } from "./columns";
import { csvRecords, type CsvItem } from "./csv-records";
import { normaliseTls, parseLoginMs, type TimeOptions, type TlsProtocol } from "./values";

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
export const KEY_LIMIT = 255;
export const OTHER_LIMIT = 1000;
const LABELS: Partial<Record<LoginField, string>> = { username: "Username", sourceIp: "Source IP", application: "Application" };
const TIME_FORMATS = "ISO 8601, M/d/yyyy h:mm a or dd/MM/yyyy HH:mm";

/** Postgres text cannot hold NUL; nothing in a login needs it. */
export const clean = (v: string | undefined) => (v === undefined ? "" : v.includes("\0") ? v.replaceAll("\0", "").trim() : v.trim());

/** One login's checked values; the COPY path reuses one of these for every row (no object per login). */
export interface LoginFields {
  username: string;
  rawTime: string;
  /** Epoch milliseconds. */
  loginMs: number;
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

/** A login as the preview and the row reader give it: its line, and its time as a Date. */
export type LoginRow = Omit<LoginFields, "loginMs"> & { line: number; loginAt: Date };

export const emptyFields = (): LoginFields => ({
  username: "", rawTime: "", loginMs: 0, sourceIp: "", loginType: "", status: "", browser: "", platform: "", application: "",
  clientVersion: "", apiType: "", apiVersion: "", loginUrl: "", tlsProtocol: "unknown", cipherSuite: "",
});

export const cap = (v: string) => (v.length > OTHER_LIMIT ? v.slice(0, OTHER_LIMIT) : v);

/** The columns' positions in the record (-1: not in the export), in LoginFields order. */
export function columnIndexes(map: ColumnMap) {
  const at = (f: LoginField) => map[f];
  const [user, time, ip, type, status, browser, platform, app, client, api, apiVersion, url, tls, cipher] = (
    ["username", "loginTime", "sourceIp", "loginType", "status", "browser", "platform", "application", "clientVersion", "apiType", "apiVersion", "loginUrl", "tlsProtocol", "cipherSuite"] as const
  ).map(at);
  return { user, time, ip, type, status, browser, platform, app, client, api, apiVersion, url, tls, cipher };
}

/**
 * Checks the parts of a login that make its identity (already cleaned) into `out`; returns why the
 * row is refused, or null. Both readers (rows and COPY text) refuse rows through this one function.
 */
export function checkIdentity(username: string, rawTime: string, rawTls: string, sourceIp: string, application: string, opts: TimeOptions, out: LoginFields): string | null {
  if (!username) return "has no Username";
  const loginMs = parseLoginMs(rawTime, opts);
  if (loginMs === null) return rawTime ? `Login Time “${rawTime.slice(0, 40)}” is not a date and time in ${TIME_FORMATS}` : "has no Login Time";
  const tlsProtocol = normaliseTls(rawTls);
  if (!tlsProtocol) return `TLS Protocol “${rawTls.slice(0, 40)}” is not TLS 1.0, 1.1, 1.2 or 1.3 (or blank, N/A, Unknown)`;
  // Parts of the identity are refused when too long, never truncated (see KEY_LIMIT).
  if (username.length > KEY_LIMIT) return `${LABELS.username} is longer than ${KEY_LIMIT} characters`;
  if (sourceIp.length > KEY_LIMIT) return `${LABELS.sourceIp} is longer than ${KEY_LIMIT} characters`;
  if (application.length > KEY_LIMIT) return `${LABELS.application} is longer than ${KEY_LIMIT} characters`;
  out.username = username;
  out.rawTime = rawTime;
  out.loginMs = loginMs;
  out.tlsProtocol = tlsProtocol;
  out.sourceIp = sourceIp;
  out.application = application;
  return null;
}

export const widthError = (fields: number, width: number) => `has ${fields} fields; the header has ${width}`;

/** Checks a record into `out` (overwritten); returns why it is refused, or null when it is a login. */
function rowChecker(map: ColumnMap, width: number, opts: TimeOptions) {
  const c = columnIndexes(map);
  const get = (record: string[], i: number) => (i < 0 ? "" : clean(record[i]));
  return (record: string[], out: LoginFields): string | null => {
    if (record.length !== width) return widthError(record.length, width);
    const reason = checkIdentity(get(record, c.user), get(record, c.time), get(record, c.tls), get(record, c.ip), get(record, c.app), opts, out);
    if (reason) return reason;
    out.loginType = cap(get(record, c.type));
    out.status = cap(get(record, c.status));
    out.browser = cap(get(record, c.browser));
    out.platform = cap(get(record, c.platform));
    out.clientVersion = cap(get(record, c.client));
    out.apiType = cap(get(record, c.api));
    out.apiVersion = cap(get(record, c.apiVersion));
    out.loginUrl = cap(get(record, c.url));
    out.cipherSuite = cap(get(record, c.cipher));
    return null;
  };
}

/** The bytes, gunzipped when they start with gzip's magic number. */
export async function* decoded(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  const asBuffer = (v: Uint8Array) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  try {
    let first = await it.next();
    while (!first.done && first.value.length < 2) {
      const more = await it.next();
      if (more.done) break;
      first = { done: false, value: Buffer.concat([first.value, more.value]) };
    }
    if (first.done) return;
    const head = asBuffer(first.value);
    const rest = (async function* () {
      yield head;
      for (let n = await it.next(); !n.done; n = await it.next()) yield asBuffer(n.value);
    })();
    if (head[0] === 0x1f && head[1] === 0x8b) {
      const gunzip = Readable.from(rest).pipe(createGunzip());
      try {
        for await (const chunk of gunzip) yield chunk as Buffer;
      } catch (err) {
        throw new ExportFormatError(`The file starts as gzip but cannot be unpacked (${(err as Error).message}).`);
      }
    } else yield* rest;
  } finally {
    // Stopped early (a cancelled or failed import): let the source let go of what it holds.
    await it.return?.();
  }
}

type Checker = ReturnType<typeof rowChecker>;

/** The header's columns (throws ExportFormatError when a required one is missing). */
export function readHeader(record: string[], opts: ReadOptions): ColumnMap {
  // Control characters or undecodable bytes in the header row: a spreadsheet, an image or a zip, not
  // a CSV (without this, such a file was refused for its missing TLS column).
  if (record.some((h) => BINARY.test(h))) throw new ExportFormatError(NOT_CSV);
  const header = record.map((h) => clean(h));
  const map = mapColumns(header);
  opts.onHeader?.(header, map);
  return map;
}

const BINARY = /[\u0000-\u0008\u000e-\u001f\ufffd]/;
export const NOT_CSV =
  "The file is not a CSV export: its first line holds binary data (a spreadsheet, an archive or an image?). Download the Login History as CSV (Setup → Login History → Download) and upload that, or the same CSV gzipped.";
export const EMPTY_FILE = "The file is empty: a Login History export starts with a header row (Username, Login Time, ..., TLS Protocol).";
export const BAD_HEADER = (error: string) => `The header row is not valid CSV (${error}).`;

/**
 * The records after the header, with a checker built from the header. Throws ExportFormatError
 * when the file as a whole cannot be read (empty, not gzip though it says so, no TLS column).
 */
async function* records(source: AsyncIterable<Uint8Array>, opts: ReadOptions, onChecker: (check: Checker) => void): AsyncGenerator<CsvItem[]> {
  let headerSeen = false;
  for await (const items of csvRecords(decoded(source))) {
    if (!headerSeen) {
      const item = items[0];
      if ("error" in item) throw new ExportFormatError(BAD_HEADER(item.error));
      onChecker(rowChecker(readHeader(item.record, opts), item.record.length, opts));
      headerSeen = true;
      if (items.length > 1) yield items.slice(1);
      continue;
    }
    yield items;
  }
  if (!headerSeen) throw new ExportFormatError(EMPTY_FILE);
}

/** Reads the export and yields batches of logins and unreadable rows (the preview and tests read it so). */
export async function* readLogins(source: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncGenerator<Batch> {
  const batchSize = opts.batchSize ?? 5000;
  let check: Checker | null = null;
  let batch: Batch = { rows: [], errors: [], rowsRead: 0 };
  let rowsRead = 0;
  for await (const items of records(source, opts, (c) => (check = c))) {
    for (const item of items) {
      rowsRead++;
      if ("error" in item) {
        batch.errors.push({ line: item.line, reason: `is not valid CSV (${item.error})` });
      } else {
        const f = emptyFields();
        const reason = check!(item.record, f);
        if (reason) batch.errors.push({ line: item.line, reason });
        else {
          const { loginMs, ...rest } = f;
          batch.rows.push({ line: item.line, ...rest, loginAt: new Date(loginMs) });
        }
      }
      if (batch.rows.length + batch.errors.length >= batchSize) {
        batch.rowsRead = rowsRead;
        yield batch;
        batch = { rows: [], errors: [], rowsRead };
      }
    }
  }
  batch.rowsRead = rowsRead;
  if (batch.rows.length || batch.errors.length) yield batch;
}
