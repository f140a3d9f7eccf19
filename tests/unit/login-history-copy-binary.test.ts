// The import's binary COPY pieces: reading an upload back from a one-column binary COPY, however
// the stream is cut, and the window of recent logins that sets possible repeats aside.
import { describe, expect, it } from "vitest";
import { binaryCopyValues, COPY_HEADER, COPY_TRAILER } from "@/lib/login-history/copy-binary";
import { RecentLogins } from "@/lib/login-history/copy-reader";

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

describe("the window of recent logins", () => {
  it("sees a login again within the window, and forgets it after", () => {
    const recent = new RecentLogins();
    expect(recent.seen(42)).toBe(false);
    expect(recent.seen(42)).toBe(true);
    for (let h = 1000; h < 1000 + RecentLogins.WINDOW; h++) recent.seen(h);
    expect(recent.seen(42)).toBe(false);
  });

  it("rarely takes a new login for a recent one", () => {
    const recent = new RecentLogins();
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) if (recent.seen(Math.imul(i + 1, 0x9e3779b1) ^ (i >>> 3))) wrong++;
    expect(wrong).toBeLessThan(200);
  });
});
