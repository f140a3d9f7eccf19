// The import's way of reading an export: the same rows refused for the same reasons as
// readLogins (one checkIdentity; a unit test compares the two), but each login goes from the
// bytes of the file straight into binary COPY rows for the logins table (copy-binary.ts), field by
// field, without a string per field or a row object. A row whose identity is plain (ASCII without
// NUL or a doubled quote, its Login Time in a shape time-bytes.ts reads) makes no string at all:
// its user, address and application are hashed and copied as bytes. Any other row (or one that
// may be refused) goes the string way, field by field as readLogins reads it, so its values and
// its reason are exactly readLogins'.
import { CsvScanner, isSpace, Scanned } from "./csv-records";
import { ExportFormatError } from "./columns";
import { BAD_HEADER, cap, checkIdentity, clean, columnIndexes, decoded, EMPTY_FILE, emptyFields, KEY_LIMIT, OTHER_LIMIT, readHeader, widthError, type RowError } from "./reader";
import { BufferPool, CopyRows, LOGIN_COLUMNS, uuidBytes } from "./copy-binary";
import { FieldValues, FNV_START, fnvStep, hashText } from "./field-values";
import { FileLogins } from "./file-logins";
import { LoginTimes } from "./time-bytes";
import { normaliseTls, PROTOCOL_KEYS, type TimeOptions, type TlsProtocol } from "./values";

export interface CopyBatch {
  /** The logins of this batch as binary COPY rows (copy-binary.ts), without header or trailer. */
  copy: Buffer;
  /** How many logins `copy` holds. */
  logins: number;
  /**
   * Logins that may repeat an earlier line of the file (FileLogins), as binary COPY rows: the import
   * adds them through the stage (round-writer.ts), which stores a login once, rather than by a
   * COPY into the keyed table.
   */
  repeats: Buffer;
  repeatCount: number;
  errors: RowError[];
  /** Rows read so far (good and bad), header excluded. */
  rowsRead: number;
  /** The earliest and latest login time of the batch (epoch ms), null when it has no login. */
  from: number | null;
  to: number | null;
}

export interface CopyOptions extends TimeOptions {
  /** The import the rows are for (their first column). */
  importId: string;
  /** Where the batches' buffers come from (and go back to, once written). */
  pool?: BufferPool;
  /** About how many logins the file holds (expectedLogins in file-logins.ts): sizes the filter of logins met. */
  expectedLogins?: number;
}

const BATCH_ROWS = 1000;

/** A login's identity as one hash, from its time and its parts' hashes (FieldValues); `start` seeds a second one. */
function identityHash(ms: number, parts: number[], start = FNV_START): number {
  let h = fnvStep(start, ms | 0);
  h = fnvStep(h, Math.floor(ms / 4_294_967_296));
  for (const p of parts) h = fnvStep(h, p);
  return h;
}
/** The seed of the identity's second hash (FileLogins probes with two). */
const SECOND_START = 0x2545f491;
/** A protocol's part of the identity hash: the value stored, however the export spelled it. */
const TLS_HASH = Object.fromEntries(PROTOCOL_KEYS.map((p) => [p, hashText(p)])) as Record<TlsProtocol, number>;

export async function* readLoginsAsCopy(source: AsyncIterable<Uint8Array>, opts: CopyOptions): AsyncGenerator<CopyBatch> {
  const scanner = new CsvScanner();
  const pool = opts.pool ?? new BufferPool();
  const rows = new CopyRows(pool);
  const repeats = new CopyRows(pool);
  const met = new FileLogins(opts.expectedLogins ?? 0);
  const f = emptyFields();
  const importId = uuidBytes(opts.importId);
  const times = new LoginTimes(opts);
  let c: ReturnType<typeof columnIndexes> | null = null;
  // The values that are not part of the identity, in LOGIN_COLUMNS order.
  let others: number[] = [];
  let width = 0;
  let rowsRead = 0;
  let logins = 0;
  let repeatCount = 0;
  let errors: RowError[] = [];
  let from: number | null = null;
  let to: number | null = null;
  const columns = { user: new FieldValues(), time: new FieldValues(), tls: new FieldValues(), ip: new FieldValues(), app: new FieldValues() };
  // Where trimmed() and plainPart() found a field: bytes ps..pe of scanner.bytes, hash ph.
  let ps = 0;
  let pe = 0;
  let ph = 0;
  /** Field i's bytes without the spaces around them (a missing field is empty); false when it holds a doubled quote. */
  const trimmed = (i: number): boolean => {
    if (i < 0) {
      ps = pe = 0;
      return true;
    }
    if (scanner.doubled[i]) return false;
    const b = scanner.bytes;
    let s = scanner.start[i];
    let e = scanner.end[i];
    while (s < e && isSpace(b[s])) s++;
    while (e > s && isSpace(b[e - 1])) e--;
    ps = s;
    pe = e;
    return true;
  };
  /** trimmed(), and the bytes plain ASCII without NUL (clean() would keep them as they are), hashed as hashText hashes them. */
  const plainPart = (i: number): boolean => {
    if (!trimmed(i)) return false;
    const b = scanner.bytes;
    let h = FNV_START;
    for (let j = ps; j < pe; j++) {
      const ch = b[j];
      if (ch >= 0x80 || ch === 0) return false;
      h = fnvStep(h, ch);
    }
    ph = h;
    return true;
  };
  // The identity a plain row was read into by plainIdentity().
  let us = 0, ue = 0, is = 0, ie = 0, as = 0, ae = 0;
  let loginMs = 0;
  let tls: TlsProtocol = "unknown";
  /** Reads a row's identity from its bytes; false when it must go the string way (not plain, or maybe refused). */
  const plainIdentity = (cols: ReturnType<typeof columnIndexes>): boolean => {
    if (!plainPart(cols.user) || ps === pe || pe - ps > KEY_LIMIT) return false;
    us = ps;
    ue = pe;
    hashes[0] = ph;
    if (!plainPart(cols.ip) || pe - ps > KEY_LIMIT) return false;
    is = ps;
    ie = pe;
    hashes[1] = ph;
    if (!plainPart(cols.app) || pe - ps > KEY_LIMIT) return false;
    as = ps;
    ae = pe;
    hashes[2] = ph;
    if (cols.time < 0 || !trimmed(cols.time)) return false;
    loginMs = times.read(scanner.bytes, ps, pe);
    if (Number.isNaN(loginMs)) return false;
    const protocol = normaliseTls(key(cols.tls, columns.tls));
    if (!protocol) return false;
    tls = protocol;
    hashes[3] = TLS_HASH[tls];
    return true;
  };
  const slice = (s: number, e: number) => scanner.latin1(s, e);
  const hashes = [0, 0, 0, 0];
  /** An identity part: remembered by its bytes when plain, else as readLogins reads it. */
  const key = (i: number, values: FieldValues): string => {
    if (i < 0) {
      values.hash = FNV_START;
      return "";
    }
    if (!scanner.doubled[i]) {
      const v = values.get(scanner.bytes, scanner.start[i], scanner.end[i], clean, slice);
      if (v !== null) return v;
    }
    const v = clean(scanner.text(i));
    values.hash = hashText(v);
    return v;
  };
  /** A value that is not part of the identity: from the bytes when plain, else as readLogins reads it. */
  const value = (out: CopyRows, i: number) => {
    // Past OTHER_LIMIT bytes a plain value is cut as readLogins cuts it; its bytes past the cut are
    // not looked at (a non-ASCII byte there does not matter).
    if (trimmed(i) && out.plain(scanner.bytes, ps, pe, OTHER_LIMIT)) return;
    out.text(cap(clean(scanner.text(i))));
  };
  const batch = (): CopyBatch => {
    const b = { copy: rows.take(), logins, repeats: repeats.take(), repeatCount, errors, rowsRead, from, to };
    logins = repeatCount = 0;
    errors = [];
    from = to = null;
    return b;
  };
  const read = (final: boolean): boolean => {
    for (let n = 0; n < BATCH_ROWS; n++) {
      const found = scanner.next(final);
      if (found === Scanned.None) return false;
      if (!c) {
        if (found === Scanned.Bad) throw new ExportFormatError(BAD_HEADER(scanner.error));
        const record = scanner.record();
        c = columnIndexes(readHeader(record, opts));
        others = [c.type, c.status, c.browser, c.platform, c.client, c.api, c.apiVersion, c.url, c.cipher];
        width = record.length;
        continue;
      }
      rowsRead++;
      if (found === Scanned.Bad) {
        errors.push({ line: scanner.line, reason: `is not valid CSV (${scanner.error})` });
        continue;
      }
      if (scanner.count !== width) {
        errors.push({ line: scanner.line, reason: widthError(scanner.count, width) });
        continue;
      }
      const plain = plainIdentity(c);
      if (!plain) {
        const reason = checkIdentity(key(c.user, columns.user), key(c.time, columns.time), key(c.tls, columns.tls), key(c.ip, columns.ip), key(c.app, columns.app), opts, f);
        if (reason) {
          errors.push({ line: scanner.line, reason });
          continue;
        }
        hashes[0] = columns.user.hash;
        hashes[1] = columns.ip.hash;
        hashes[2] = columns.app.hash;
        hashes[3] = TLS_HASH[f.tlsProtocol];
        loginMs = f.loginMs;
        tls = f.tlsProtocol;
      }
      const out = met.seen(identityHash(loginMs, hashes), identityHash(loginMs, hashes, SECOND_START)) ? repeats : rows;
      out.row(LOGIN_COLUMNS.length);
      out.uuid(importId);
      if (plain) {
        const b = scanner.bytes;
        out.bytes(b, us, ue);
        out.time(loginMs);
        out.bytes(b, is, ie);
        out.bytes(b, as, ae);
      } else {
        out.text(f.username);
        out.time(loginMs);
        out.text(f.sourceIp);
        out.text(f.application);
      }
      if (out === rows) logins++;
      else repeatCount++;
      out.text(tls);
      for (const i of others) value(out, i);
      if (from === null || loginMs < from) from = loginMs;
      if (to === null || loginMs > to) to = loginMs;
    }
    return true;
  };
  for await (const chunk of decoded(source)) {
    scanner.push(chunk);
    while (read(false)) yield batch();
    if (logins || repeatCount || errors.length) yield batch();
  }
  while (read(true)) yield batch();
  if (!c) throw new ExportFormatError(EMPTY_FILE);
  if (logins || repeatCount || errors.length) yield batch();
}
