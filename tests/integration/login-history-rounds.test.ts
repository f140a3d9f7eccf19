// How the import stores its rounds (lib/login-history/round-writer.ts) against a real Postgres: a
// round goes straight into the keyed table by COPY, and falls back to the stage (ON CONFLICT) when
// the key refuses it; either way each login is stored once.
import { describe, expect, it } from "vitest";
import { db, readRows } from "@/lib/db";
import { createImport, deleteImport, getImport } from "@/lib/login-history/imports";
import { runImport } from "@/lib/login-history/import-job";
import { sweepImports } from "@/lib/login-history/jobs";
import { makeUser } from "../support/factories";
import { chunks, exportOf, importExport, type Login } from "../support/login-history";

const admin = await makeUser({ role: "ADMIN" });
const stored = (prefix: string) => db.loginHistoryLogin.count({ where: { username: { startsWith: prefix } } });

/** `n` distinct logins, a minute apart from `start` (M/d/yyyy h:mm a). */
function logins(prefix: string, n: number, year: number): Login[] {
  return Array.from({ length: n }, (_, i) => {
    const minute = i % 60;
    const hour = Math.floor(i / 60) % 12;
    const day = 1 + Math.floor(i / 720);
    return { user: `${prefix}${i}@example.com`, at: `3/${day}/${year} ${hour + 1}:${String(minute).padStart(2, "0")} AM` };
  });
}

describe("storing an import's rounds", () => {
  it("stores once a login that comes again far from its first line (the reader remembers every login of the file and sends the repeat through the stage)", async () => {
    const all = logins("far", 6000, 2011);
    // Beyond the reader's window of recent logins, and in the second round: only the key can see it.
    const text = exportOf([...all.slice(0, 5500), all[3], ...all.slice(5500)]);
    const { id, outcome } = await importExport(admin, text);
    expect(outcome).toBe("done");
    const view = await getImport(admin, id);
    expect(view).toMatchObject({ status: "done", rowsRead: 6001, rowsImported: 6000, rowsRefused: 0 });
    expect(await stored("far")).toBe(6000);
  });

  it("stores each login once when two imports of the same export run at once (the one that meets the other's logins begins again, carefully)", async () => {
    const text = exportOf(logins("twice", 7000, 2012));
    const ids = await Promise.all(
      [1, 2].map(async (n) => (await createImport(admin, { fileName: `twice-${n}.csv`, timeZone: "UTC", dateOrder: "mdy" }, chunks(text))).id),
    );
    const outcomes = await Promise.all(ids.map((id) => runImport(id, new AbortController().signal)));
    expect(outcomes).toEqual(["done", "done"]);
    const views = await Promise.all(ids.map((id) => getImport(admin, id)));
    expect(views.map((v) => v.rowsRead)).toEqual([7000, 7000]);
    expect(views[0].rowsImported + views[1].rowsImported).toBe(7000);
    expect(await stored("twice")).toBe(7000);
  });

  it("adds only the new logins of an export that overlaps a stored one in time", async () => {
    const all = logins("overlap", 3000, 2013);
    await importExport(admin, exportOf(all.slice(0, 2000)));
    const { id } = await importExport(admin, exportOf(all.slice(1000)));
    expect((await getImport(admin, id)).rowsImported).toBe(1000);
    expect(await stored("overlap")).toBe(3000);
  });

  it("keeps the first of two lines of one login in a round that goes through the stage, as the file gives them", async () => {
    const all = logins("firstline", 2000, 2010);
    // A stored import spanning the same hours sends the next one's round through the stage.
    await importExport(admin, exportOf([{ user: "firstline-anchor@example.com", at: all[0].at }, { user: "firstline-anchor@example.com", at: all.at(-1)!.at }]));
    const text = exportOf([...all.map((l) => ({ ...l, status: "Success" })), ...all.map((l) => ({ ...l, status: "Failed: Login over insecure channel" }))]);
    const { id } = await importExport(admin, text);
    expect(await getImport(admin, id)).toMatchObject({ rowsRead: 4000, rowsImported: 2000 });
    const statuses = await readRows<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM login_history_logins WHERE username LIKE 'firstline%' AND username <> 'firstline-anchor@example.com' GROUP BY status`,
    );
    expect(statuses).toEqual([{ status: "Success", n: 2000 }]);
  });

  it("keeps, when an import is deleted, the logins an overlapping import also held", async () => {
    const all = logins("kept", 3000, 2015);
    const older = await importExport(admin, exportOf(all.slice(0, 2000)));
    const newer = await importExport(admin, exportOf(all.slice(1000)));
    expect((await getImport(admin, newer.id)).rowsImported).toBe(1000);
    await deleteImport(admin, older.id);
    // 0–999 were only in the older export; 1000–1999 were in both and pass to the newer one.
    expect(await stored("kept")).toBe(2000);
    expect(await db.loginHistoryLogin.count({ where: { username: { startsWith: "kept" }, importId: newer.id } })).toBe(2000);
    expect(await db.loginHistoryLogin.count({ where: { username: "kept5@example.com" } })).toBe(0);
    expect(await db.loginHistoryLogin.count({ where: { username: "kept1500@example.com" } })).toBe(1);
    await deleteImport(admin, newer.id);
    expect(await stored("kept")).toBe(0);
  });

  it("forgets a deleted import among the others that held a login, and deletes only what no import holds", async () => {
    const all = logins("three", 300, 2016);
    const first = await importExport(admin, exportOf(all));
    const second = await importExport(admin, exportOf(all.slice(0, 200)));
    const third = await importExport(admin, exportOf(all.slice(0, 100)));
    const holders = async () =>
      readRows<{ import_id: string; other_imports: string[] | null; n: number }>(
        `SELECT import_id::text, other_imports::text[] AS other_imports, count(*)::int AS n FROM login_history_logins
          WHERE username LIKE 'three%' GROUP BY import_id, login_history_logins.other_imports
          ORDER BY n DESC, coalesce(cardinality(login_history_logins.other_imports), 0)`,
      );
    expect(await holders()).toEqual([
      { import_id: first.id, other_imports: null, n: 100 },
      { import_id: first.id, other_imports: [second.id], n: 100 },
      { import_id: first.id, other_imports: [second.id, third.id], n: 100 },
    ]);
    await deleteImport(admin, second.id);
    expect(await holders()).toEqual([
      { import_id: first.id, other_imports: null, n: 200 },
      { import_id: first.id, other_imports: [third.id], n: 100 },
    ]);
    await deleteImport(admin, first.id);
    expect(await holders()).toEqual([{ import_id: third.id, other_imports: null, n: 100 }]);
  });

  it("drops the upload a finished import left behind when its worker stopped after the commit", async () => {
    const { id } = await importExport(admin, exportOf(logins("left", 3, 2014)));
    await readRows(`INSERT INTO login_history_upload_parts (import_id, seq, data) VALUES ($1::uuid, 0, '\\x00')`, [id]);
    await sweepImports();
    expect(await db.loginHistoryUploadPart.count({ where: { importId: id } })).toBe(0);
    expect(await stored("left")).toBe(3);
  });
});
