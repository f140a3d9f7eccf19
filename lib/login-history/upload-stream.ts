import "server-only";
import { to as copyTo } from "pg-copy-streams";
import { db } from "@/lib/db";

// An upload, read back in order as one stream of bytes by the import. Its pieces (~1 MB each,
// login_history_upload_parts) come by COPY … TO STDOUT in binary: node-postgres reads every
// field of a row as a string and a bytea back from it (as hex text, or Latin-1 in binary), which
// for a 160 MB export took longer than storing its million logins. COPY hands over the bytes as
// they arrive, with backpressure, so a piece is never held whole.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
// Signature, flags (int32), header extension length (int32).
const HEADER = SIGNATURE.length + 8;
const EMPTY = Buffer.alloc(0);

/** The upload of `importId`, its pieces in order, as the bytes arrive. */
export async function* uploadedBytes(importId: string, progress: { bytes: number }): AsyncGenerator<Buffer> {
  if (!UUID.test(importId)) throw new Error(`Not an import id: ${importId}`);
  const client = await db.pool.connect();
  let finished = false;
  try {
    const stream = client.query(copyTo(`COPY (SELECT data FROM login_history_upload_parts WHERE import_id = '${importId}' ORDER BY seq) TO STDOUT (FORMAT binary)`));
    for await (const piece of binaryCopyValues(stream)) {
      progress.bytes += piece.length;
      yield piece;
    }
    finished = true;
  } finally {
    // A connection left in the middle of a COPY cannot serve anyone else: drop it.
    client.release(finished ? undefined : new Error("The upload was not read to its end"));
  }
}

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
        if (framing.length < HEADER) continue;
        if (!framing.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error("Not a binary COPY stream");
        const extension = framing.readUInt32BE(SIGNATURE.length + 4);
        if (framing.length < HEADER + extension) continue;
        framing = framing.subarray(HEADER + extension);
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
