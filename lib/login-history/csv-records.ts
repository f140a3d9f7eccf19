// A CSV reader for exports of a million rows, working on the bytes: it finds where each field of
// a record starts and ends (RFC 4180: quoted commas, doubled quotes, line breaks inside quotes,
// CRLF, blank lines skipped) without making a string of the line. The import turns those ranges
// straight into COPY text (copy-reader.ts); the preview asks for strings (csvRecords). Knows each
// record's first line exactly. A record that never ends (an unclosed quote) is given up after
// MAX_RECORD_BYTES, so memory stays bounded. csv-parse read these files at a fifth of the speed of
// the first, string-based reader, which this one is about three times as fast as
// (docs/decisions/0011-login-history-import.md).

export type CsvItem = { record: string[]; line: number } | { error: string; line: number };

const MAX_RECORD_BYTES = 1024 * 1024;
const MAX_FIELDS = 4096;
// Records per batch: a batch of a whole input piece (thousands of records) outlives V8's young
// generation and is promoted as garbage to the old one, which then grows to hundreds of MB.
const BATCH_RECORDS = 1000;
const BOM = [0xef, 0xbb, 0xbf];
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * What `next` found: None (nothing more until more bytes are pushed, or the end when final), a
 * Record, or Bad (a record that is not valid CSV: `error` says why; it was skipped).
 */
export const Scanned = { None: 0, Record: 1, Bad: 2 } as const;
type Found = (typeof Scanned)[keyof typeof Scanned];

type Slicer = { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string };

/**
 * Reads records out of pushed bytes. After `next` returns Record, fields 0..count-1 of the record
 * are bytes start[i]..end[i] of `bytes` (a quoted field without its quotes; `doubled[i]` when it
 * holds "" for a quote), and `line` is the line it starts on.
 */
export class CsvScanner {
  bytes: Buffer = Buffer.alloc(0);
  private store: Buffer = Buffer.alloc(0);
  count = 0;
  readonly start = new Int32Array(MAX_FIELDS);
  readonly end = new Int32Array(MAX_FIELDS);
  readonly quoted = new Uint8Array(MAX_FIELDS);
  readonly doubled = new Uint8Array(MAX_FIELDS);
  error = "";
  /** The line the record found last starts on. */
  line = 1;
  private pos = 0;
  private nextLine = 1;
  private first = true;

  /**
   * Adds bytes after what is left unread. They are copied into one buffer that is reused: the
   * ranges of a record are good until the next push (a fresh buffer per piece made the garbage
   * collector work as hard as the reader).
   */
  push(chunk: Uint8Array) {
    const rest = this.bytes.length - this.pos;
    const need = rest + chunk.length;
    if (this.store.length < need) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.store.length * 2, 64 * 1024));
      this.bytes.copy(bigger, 0, this.pos);
      this.store = bigger;
    } else if (rest > 0) this.store.copyWithin(0, this.pos, this.bytes.length);
    this.store.set(chunk, rest);
    this.bytes = this.store.subarray(0, need);
    this.pos = 0;
  }

  /** The next record, skipping blank lines. `final`: no more bytes will come. */
  next(final: boolean): Found {
    const b = this.bytes;
    const len = b.length;
    if (this.first) {
      // A UTF-8 byte order mark opens the file, if anything: wait for its three bytes.
      if (len < BOM.length && !final) return Scanned.None;
      this.first = false;
      if (BOM.every((x, i) => b[i] === x)) this.pos = BOM.length;
    }
    while (this.pos < len) {
      const found = this.scan(b, this.pos, len, final);
      if (found === Scanned.None) {
        if (len - this.pos <= MAX_RECORD_BYTES) return Scanned.None;
        // A quote that never closes: give up on this line and carry on after it.
        const nl = b.indexOf(LF, this.pos);
        this.line = this.nextLine++;
        this.pos = nl === -1 ? len : nl + 1;
        this.error = "Quote Not Closed";
        return Scanned.Bad;
      }
      if (found === Scanned.Record && this.count === 1 && !this.quoted[0] && this.start[0] === this.end[0]) {
        this.nextLine += 1;
        this.pos = this.after;
        continue; // a blank line
      }
      this.line = this.nextLine;
      this.nextLine += 1 + this.lines;
      this.pos = this.after;
      return found;
    }
    return Scanned.None;
  }

  /** Field i as a string (a missing field, i < 0, is empty). */
  text(i: number): string {
    if (i < 0) return "";
    const s = this.start[i];
    const e = this.end[i];
    const v = isPlain(this.bytes, s, e) ? (this.bytes as unknown as Slicer).latin1Slice(s, e) : (this.bytes as unknown as Slicer).utf8Slice(s, e);
    return this.doubled[i] ? v.replaceAll('""', '"') : v;
  }

  /** Bytes s..e as a string, when they are plain ASCII (isPlain). */
  latin1(s: number, e: number): string {
    return (this.bytes as unknown as Slicer).latin1Slice(s, e);
  }

  /** The record's fields as strings. */
  record(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.text(i);
    return out;
  }

  private lines = 0;
  private after = 0;

  /** Scans one record from `p`; sets the fields, `after` (where the next starts) and `lines` (line breaks inside quotes). */
  private scan(b: Buffer, p: number, len: number, final: boolean): Found {
    this.count = 0;
    this.lines = 0;
    for (;;) {
      if (this.count === MAX_FIELDS) return this.skipLine(b, p, len, final, `more than ${MAX_FIELDS} fields`);
      const i = this.count;
      if (p < len && b[p] === QUOTE) {
        let q = p + 1;
        let doubled = 0;
        let close: number;
        for (;;) {
          close = b.indexOf(QUOTE, q);
          if (close === -1) {
            if (!final) return Scanned.None;
            this.lines += countLf(b, p + 1, len);
            this.after = len;
            this.error = "Quote Not Closed";
            return Scanned.Bad;
          }
          if (close + 1 >= len && !final) return Scanned.None;
          if (b[close + 1] === QUOTE) {
            doubled = 1;
            q = close + 2;
            continue;
          }
          break;
        }
        this.lines += countLf(b, p + 1, close);
        this.setField(i, p + 1, close, 1, doubled);
        p = close + 1;
        const c = b[p];
        if (c === COMMA) {
          p++;
          continue;
        }
        if (c === LF) return this.ended(p + 1);
        if (c === CR) {
          if (p + 1 >= len && !final) return Scanned.None;
          if (b[p + 1] === LF) return this.ended(p + 2);
        }
        if (p >= len) return this.ended(len);
        return this.skipLine(b, p, len, final, "Invalid Closing Quote");
      }
      let q = p;
      while (q < len) {
        const c = b[q];
        if (c === COMMA || c === LF) break;
        q++;
      }
      if (q < len && b[q] === COMMA) {
        this.setField(i, p, q, 0, 0);
        p = q + 1;
        continue;
      }
      if (q >= len && !final) return Scanned.None;
      this.setField(i, p, q > p && b[q - 1] === CR ? q - 1 : q, 0, 0);
      return this.ended(q >= len ? len : q + 1);
    }
  }

  private setField(i: number, s: number, e: number, quoted: number, doubled: number) {
    this.start[i] = s;
    this.end[i] = e;
    this.quoted[i] = quoted;
    this.doubled[i] = doubled;
    this.count = i + 1;
  }

  private ended(after: number): Found {
    this.after = after;
    return Scanned.Record;
  }

  private skipLine(b: Buffer, p: number, len: number, final: boolean, error: string): Found {
    const nl = b.indexOf(LF, p);
    if (nl === -1 && !final) return Scanned.None;
    this.after = nl === -1 ? len : nl + 1;
    this.error = error;
    return Scanned.Bad;
  }
}

/** An ASCII white-space byte (what String.prototype.trim removes among them). */
export const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** Whether bytes s..e are ASCII without NUL (then Latin-1 reads them as UTF-8 would, and faster). */
export function isPlain(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c >= 0x80 || c === 0) return false;
  }
  return true;
}

function countLf(b: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = b.indexOf(LF, from); i !== -1 && i < to; i = b.indexOf(LF, i + 1)) n++;
  return n;
}

/** The records of a CSV byte stream as strings, in batches, with the line each starts on; blank lines skipped. */
export async function* csvRecords(source: AsyncIterable<Uint8Array>): AsyncGenerator<CsvItem[]> {
  const scanner = new CsvScanner();
  const take = (final: boolean): CsvItem[] => {
    const out: CsvItem[] = [];
    while (out.length < BATCH_RECORDS) {
      const found = scanner.next(final);
      if (found === Scanned.None) break;
      out.push(found === Scanned.Record ? { record: scanner.record(), line: scanner.line } : { error: scanner.error, line: scanner.line });
    }
    return out;
  };
  for await (const chunk of source) {
    scanner.push(chunk);
    for (let items = take(false); items.length; items = take(false)) yield items;
  }
  for (let items = take(true); items.length; items = take(true)) yield items;
}
