// The import job against a real Postgres: what it stores, dedupe across overlapping exports,
// unreadable rows, a refused file, cancellation and deletion leaving nothing behind.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelImport, createImport, deleteImport, getImport } from "@/lib/login-history/imports";
import { runImport } from "@/lib/login-history/import-job";
import { makeUser } from "../support/factories";
import { chunks, exportOf, importExport } from "../support/login-history";

const admin = await makeUser({ role: "ADMIN" });
const loginsOf = (importId: string) => db.loginHistoryLogin.count({ where: { importId } });
const partsOf = (importId: string) => db.loginHistoryUploadPart.count({ where: { importId } });

describe("importing a Login History export", () => {
  it("stores each login once, with the time range, and counts what it read", async () => {
    const { id, outcome } = await importExport(
      admin,
      exportOf([
        { user: "ann@example.com", at: "2/10/2017 9:15 AM" },
        { user: "ann@example.com", at: "2/10/2017 9:15 AM" }, // the same login twice in one file
        { user: "bob@example.com", at: "2/11/2017 1:00 PM", tls: "TLSv1.2" },
        { user: "", at: "2/11/2017 1:00 PM" },
      ]),
    );
    expect(outcome).toBe("done");
    const view = await getImport(admin, id);
    expect(view).toMatchObject({ status: "done", rowsRead: 4, rowsImported: 2, rowsRefused: 1, errors: [{ line: 5, reason: "has no Username" }] });
    expect([view.from?.toISOString(), view.to?.toISOString()]).toEqual(["2017-02-10T09:15:00.000Z", "2017-02-11T13:00:00.000Z"]);
    expect(await loginsOf(id)).toBe(2);
    expect(await partsOf(id)).toBe(0);
    const bob = await db.loginHistoryLogin.findFirstOrThrow({ where: { username: "bob@example.com" } });
    expect(bob).toMatchObject({ tlsProtocol: "TLSv1.2", application: "Data Loader", clientVersion: "35.0", apiType: "SOAP Partner" });
  });

  it("does not double-count an overlapping export", async () => {
    const first = await importExport(admin, exportOf([{ user: "cat@example.com", at: "1/1/2017 8:00 AM" }, { user: "cat@example.com", at: "1/2/2017 8:00 AM" }]));
    const second = await importExport(
      admin,
      exportOf([
        { user: "cat@example.com", at: "1/2/2017 8:00 AM" },
        { user: "cat@example.com", at: "1/2/2017 8:00 AM", tls: "TLS 1.2" }, // another protocol: another login
        { user: "cat@example.com", at: "1/3/2017 8:00 AM" },
      ]),
    );
    expect((await getImport(admin, second.id)).rowsImported).toBe(2);
    expect(await db.loginHistoryLogin.count({ where: { username: "cat@example.com" } })).toBe(4);
    // Deleting the first import takes the logins only it had: the one the second also held stays.
    await deleteImport(admin, first.id);
    expect(await db.loginHistoryLogin.count({ where: { username: "cat@example.com" } })).toBe(3);
    expect(await db.loginHistoryLogin.count({ where: { username: "cat@example.com", importId: second.id } })).toBe(3);
    await expect(getImport(admin, first.id)).rejects.toThrow(/not found/);
  });

  it("fails a file without a TLS Protocol column, saying why, and keeps nothing", async () => {
    const { id, outcome } = await importExport(admin, "Username,Login Time,Status\r\na@example.com,2/10/2017 9:15 AM,Success\r\n");
    expect(outcome).toBe("failed");
    const view = await getImport(admin, id);
    expect(view.status).toBe("failed");
    expect(view.failure).toContain("Summer ’16");
    expect(await loginsOf(id)).toBe(0);
    expect(await partsOf(id)).toBe(0);
  });

  it("cancels a queued import before any worker takes it", async () => {
    const { id } = await createImport(admin, { fileName: "q.csv", timeZone: "UTC", dateOrder: "mdy" }, chunks(exportOf([{ user: "q@example.com", at: "1/1/2017 8:00 AM" }])));
    expect((await cancelImport(admin, id)).status).toBe("cancelled");
    expect(await runImport(id, new AbortController().signal)).toBe("skipped");
    expect(await partsOf(id)).toBe(0);
    await expect(cancelImport(admin, id)).rejects.toThrow(/only a queued or running import can be cancelled/);
  });

  it("leaves nothing behind when cancelled while running", async () => {
    const logins = Array.from({ length: 2000 }, (_, i) => ({ user: `run${i}@example.com`, at: "1/5/2017 8:00 AM" }));
    const { id } = await createImport(admin, { fileName: "big.csv", timeZone: "UTC", dateOrder: "mdy" }, chunks(exportOf(logins)));
    // Another session holds an uncommitted copy of one of the logins: the job's final insert waits
    // on it, which gives the test its moment to cancel a running import.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query("BEGIN");
    const { rows } = await blocker.query(`INSERT INTO login_history_imports (file_name, uploaded_at) VALUES ('blocker', now()) RETURNING id`);
    await blocker.query(
      `INSERT INTO login_history_logins (import_id, username, login_at, source_ip, login_type, status, browser, platform, application, client_version, api_type, api_version, login_url, tls_protocol, cipher_suite)
       VALUES ($1, 'run0@example.com', '2017-01-05T08:00:00Z', '10.0.0.1', '', '', '', '', 'Data Loader', '', '', '', '', 'TLSv1', '')`,
      [rows[0].id],
    );
    const running = runImport(id, new AbortController().signal);
    for (let i = 0; i < 100 && (await getImport(admin, id)).status !== "running"; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    expect((await cancelImport(admin, id)).status).toBe("running");
    await blocker.query("ROLLBACK");
    await blocker.end();
    expect(await running).toBe("cancelled");
    const view = await getImport(admin, id);
    expect(view.status).toBe("cancelled");
    expect(await loginsOf(id)).toBe(0);
    expect(await db.loginHistoryLogin.count({ where: { username: "run0@example.com" } })).toBe(0);
    expect(await partsOf(id)).toBe(0);
  });

  it("refuses uploads, cancels and deletes from anyone but an admin", async () => {
    for (const role of ["MEMBER", "MANAGER"] as const) {
      const user = await makeUser({ role });
      await expect(createImport(user, { fileName: "x.csv", timeZone: "UTC", dateOrder: "mdy" }, chunks("a"))).rejects.toThrow(/may not/);
      const { id } = await importExport(admin, exportOf([{ user: `${role}@example.com`, at: "1/1/2017 8:00 AM" }]));
      await expect(deleteImport(user, id)).rejects.toThrow(/may not/);
      await expect(cancelImport(user, id)).rejects.toThrow(/may not/);
      expect((await getImport(user, id)).status).toBe("done");
    }
  });
});
