// The import's binary COPY pieces: reading an upload back from a one-column binary COPY, however
// the stream is cut, and the window of recent logins that sets possible repeats aside.
import { describe, expect, it } from "vitest";
import { binaryCopyValues, COPY_HEADER, COPY_TRAILER } from "@/lib/login-history/copy-binary";
import { expectedLogins, FileLogins } from "@/lib/login-history/file-logins";

/** A one-column binary COPY of these values, as Postgres sends it. */
function copyOf(values: Buffer[]): Buffer {
  const rows = values.map((v) => {
    const head = Buffer.alloc(6);
    head.writeInt16BE(1, 0);
    head.writeInt32BE(v.length, 2);
    return Buffer.concat([head, v]);
  });
  return Buffer.concat([COPY_HEADER, ...rows, COPY_TRAILER]);
}

async function* cut(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function readBack(data: Buffer, size: number): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of binaryCopyValues(cut(data, size))) out.push(piece);
  return Buffer.concat(out);
}

describe("an upload read back by binary COPY", () => {
  const pieces = [Buffer.from("Username,Login Time\r\n"), Buffer.alloc(0), Buffer.from("a@example.com,2/10/2017 9:15 AM\r\n".repeat(300)), Buffer.from([0, 1, 2, 255])];
  const whole = Buffer.concat(pieces);

  it("is the pieces' bytes in order, however the stream is cut", async () => {
    for (const size of [1, 2, 5, 7, 19, 64, 4096, 1 << 20]) expect((await readBack(copyOf(pieces), size)).equals(whole), `cut every ${size}`).toBe(true);
  });

  it("fails when the stream is not a binary COPY, or ends before its trailer", async () => {
    await expect(readBack(Buffer.from("COPY 1\n".repeat(10)), 64)).rejects.toThrow(/Not a binary COPY stream/);
    const full = copyOf(pieces);
    await expect(readBack(full.subarray(0, full.length - 2), 64)).rejects.toThrow(/ended early/);
  });
});

describe("the logins met in the file", () => {
  const hashes = (i: number) => [Math.imul(i + 1, 0x9e3779b1) ^ (i >>> 3), Math.imul(i + 7, 0x85ebca6b) ^ (i >>> 5)] as const;

  it("sees a login again however far back it was", () => {
    const met = new FileLogins(300_000);
    expect(met.seen(...hashes(42))).toBe(false);
    expect(met.seen(...hashes(42))).toBe(true);
    for (let i = 1000; i < 300_000; i++) met.seen(...hashes(i));
    expect(met.seen(...hashes(42))).toBe(true);
    expect(met.seen(...hashes(123_456))).toBe(true);
  });

  it("rarely takes a new login for one met before, up to the logins it was sized for", () => {
    const met = new FileLogins(200_000);
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) if (met.seen(...hashes(i))) wrong++;
    expect(wrong).toBeLessThan(200_000 / 100);
  });

  it("sizes for an upload from its bytes, gzipped ones packing more logins", () => {
    expect(expectedLogins(170_000_000, false)).toBe(1_700_000);
    expect(expectedLogins(17_000_000, true)).toBe(2_040_000);
  });
});
