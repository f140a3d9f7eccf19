// Logins as rows of Postgres's binary COPY format, in the logins table's columns (LOGIN_COLUMNS):
// per row a field count, then each field as its length and its bytes
// (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"). Nothing is escaped
// and Postgres parses no text for the id and the time: a million logins cost it about 0.7 s less
// than COPY text did, and Node writes field bytes as they are in the file.

/**
 * The logins table's columns, in COPY order: the identity first (the reader writes it one of two
 * ways, copy-reader.ts), then the other values in the order readLogins reads them.
 */
export const LOGIN_COLUMNS = [
  "import_id", "username", "login_at", "source_ip", "application", "tls_protocol",
  "login_type", "status", "browser", "platform", "client_version", "api_type", "api_version", "login_url", "cipher_suite",
] as const;

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** What opens a binary COPY stream (signature, flags, no header extension), and what ends it. */
export const COPY_HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** Postgres counts time in microseconds from 2000-01-01 UTC. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;

const PIECE = 256 * 1024;

/**
 * Buffers of written rows, handed back once Postgres has them and written into again: an import
 * writes some 200 MB of rows, and fresh buffers for all of it kept the garbage collector busy.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafe(PIECE);
  }

  /** The buffers (or views from their start) are no longer used. */
  give(buffers: Buffer[]) {
    for (const b of buffers) if (b.byteOffset === 0 && b.buffer.byteLength >= PIECE) this.free.push(Buffer.from(b.buffer, 0, b.buffer.byteLength));
  }
}

const NOTHING = Buffer.alloc(0);

/** Binary COPY rows written byte by byte into a buffer that grows as needed. */
export class CopyRows {
  private buf: Buffer;
  private at = 0;

  constructor(private readonly pool: BufferPool) {
    this.buf = pool.take();
  }

  private room(n: number) {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }

  private int32(v: number) {
    const b = this.buf;
    b[this.at] = v >>> 24;
    b[this.at + 1] = v >>> 16;
    b[this.at + 2] = v >>> 8;
    b[this.at + 3] = v;
    this.at += 4;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number) {
    this.room(2);
    this.buf[this.at++] = fields >>> 8;
    this.buf[this.at++] = fields;
  }

  /** A uuid field, from its 16 bytes. */
  uuid(bytes: Buffer) {
    this.room(20);
    this.int32(16);
    this.at += bytes.copy(this.buf, this.at);
  }

  /** A timestamptz field, from epoch milliseconds. */
  time(ms: number) {
    this.room(12);
    this.int32(8);
    const us = (ms - PG_EPOCH_MS) * 1000;
    const high = Math.floor(us / TWO_32);
    this.int32(high | 0);
    this.int32(us - high * TWO_32);
  }

  /** A text field. */
  text(v: string) {
    this.room(4 + v.length);
    const b = this.buf;
    const start = this.at;
    let at = start + 4;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c >= 0x80) return this.utf8(v, start);
      b[at++] = c;
    }
    this.at = start;
    this.int32(at - start - 4);
    this.at = at;
  }

  private utf8(v: string, start: number) {
    const length = Buffer.byteLength(v);
    this.at = start;
    this.room(4 + length);
    this.int32(length);
    this.at += this.buf.write(v, this.at, "utf8");
  }

  /** A text field from bytes s..e of `from`, as they are (the caller knows them plain). */
  bytes(from: Uint8Array, s: number, e: number) {
    const n = e - s;
    this.room(4 + n);
    this.int32(n);
    const b = this.buf;
    let at = this.at;
    for (let i = s; i < e; i++) b[at++] = from[i];
    this.at = at;
  }

  /**
   * A text field from bytes s..e of `from`, at most `limit` of them, when they are plain ASCII
   * (no NUL, nothing from 0x80); false, with nothing written, when they are not.
   */
  plain(from: Uint8Array, s: number, e: number, limit: number): boolean {
    if (e - s > limit) e = s + limit;
    const n = e - s;
    this.room(4 + n);
    const b = this.buf;
    let at = this.at + 4;
    for (let i = s; i < e; i++) {
      const c = from[i];
      if (c >= 0x80 || c === 0) return false;
      b[at++] = c;
    }
    this.int32(n);
    this.at = at;
    return true;
  }

  /** The rows written so far (the buffer is then the caller's, to give back to the pool when done). */
  take(): Buffer {
    // Nothing written (most batches have no possible repeat): keep the buffer. Taking a fresh one
    // per batch threw away 256 KB a thousand times a million logins, and that memory outside the
    // heap made V8 collect garbage every quarter second.
    if (this.at === 0) return NOTHING;
    const out = this.buf.subarray(0, this.at);
    this.buf = this.pool.take();
    this.at = 0;
    return out;
  }
}

/** A uuid's 16 bytes. */
export function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`Not a uuid: ${id}`);
  return Buffer.from(hex, "hex");
}

const EMPTY = Buffer.alloc(0);

/**
 * The values of a one-column binary COPY, concatenated, as the pieces of the stream that hold
 * them (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"): a header, then
 * per row a field count (int16) and the value's length (int32) before its bytes; -1 ends it.
 */
export async function* binaryCopyValues(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let framing: Buffer = EMPTY;
  let headerRead = false;
  let ended = false;
  /** Bytes of the current value still to come. */
  let left = 0;
  for await (const chunk of stream) {
    let rest: Buffer = chunk;
    while (rest.length && !ended) {
      if (left > 0) {
        const n = Math.min(left, rest.length);
        yield rest.subarray(0, n);
        left -= n;
        rest = rest.subarray(n);
        continue;
      }
      framing = framing.length ? Buffer.concat([framing, rest]) : rest;
      rest = EMPTY;
      if (!headerRead) {
        if (framing.length < COPY_HEADER.length) continue;
        if (!framing.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error("Not a binary COPY stream");
        const extension = framing.readUInt32BE(SIGNATURE.length + 4);
        if (framing.length < COPY_HEADER.length + extension) continue;
        framing = framing.subarray(COPY_HEADER.length + extension);
        headerRead = true;
      }
      if (framing.length < 2) continue;
      const fields = framing.readInt16BE(0);
      if (fields === -1) {
        ended = true;
        break;
      }
      if (fields !== 1) throw new Error(`A binary COPY row of ${fields} fields, not 1`);
      if (framing.length < 6) continue;
      left = Math.max(0, framing.readInt32BE(2));
      rest = framing.subarray(6);
      framing = EMPTY;
    }
  }
  if (!ended) throw new Error("The binary COPY stream ended early");
}
