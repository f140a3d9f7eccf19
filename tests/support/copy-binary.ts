// Reads back binary COPY rows of logins (lib/login-history/copy-binary.ts) as text, the way
// Postgres would store them, so tests can compare them with what readLogins reads.
const PG_EPOCH_MS = 946_684_800_000;

/** Each row's fields: the uuid in its usual form, the time as ISO 8601, text as UTF-8. */
export function decodeCopyRows(buf: Buffer): string[][] {
  const rows: string[][] = [];
  let at = 0;
  while (at < buf.length) {
    const fields = buf.readInt16BE(at);
    at += 2;
    const row: string[] = [];
    for (let i = 0; i < fields; i++) {
      const length = buf.readInt32BE(at);
      at += 4;
      const value = buf.subarray(at, at + length);
      at += length;
      if (i === 0) row.push(value.toString("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"));
      else if (i === 2) row.push(new Date(Number(value.readBigInt64BE(0) / 1000n) + PG_EPOCH_MS).toISOString());
      else row.push(value.toString("utf8"));
    }
    rows.push(row);
  }
  return rows;
}
