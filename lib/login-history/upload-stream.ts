import "server-only";
import { to as copyTo } from "pg-copy-streams";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import { binaryCopyValues } from "./copy-binary";

// An upload, read back in order as one stream of bytes by the import. Its pieces (~1 MB each,
// login_history_upload_parts) come by COPY … TO STDOUT in binary: node-postgres reads every
// field of a row as a string and a bytea back from it (as hex text, or Latin-1 in binary), which
// for a 160 MB export took longer than storing its million logins. COPY hands over the bytes as
// they arrive, with backpressure, so a piece is never held whole.


/** The upload of `importId`, its pieces in order, as the bytes arrive. */
export async function* uploadedBytes(importId: string, progress: { bytes: number }): AsyncGenerator<Buffer> {
  if (!isUuid(importId)) throw new Error(`Not an import id: ${importId}`);
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
