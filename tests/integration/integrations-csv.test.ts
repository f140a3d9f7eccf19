import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { POST as importRoute } from "@/app/api/v1/integrations/import/route";
import { GET as exportRoute } from "@/app/api/v1/integrations/export/route";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser, unique } from "../support/factories";

async function importCsv(token: string, csv: string, query = "") {
  return call(importRoute, { method: "POST", token, path: `/api/v1/integrations/import?${query}`, body: csv, headers: { "content-type": "text/csv" } });
}

async function exportCsv(token: string, query = ""): Promise<string> {
  const res = await call(exportRoute, { token, path: `/api/v1/integrations/export?${query}` });
  expect(res.status).toBe(200);
  return res.json as string;
}

describe("CSV import", () => {
  it("imports a good file with a BOM, quoted commas and newlines, labels for categories and owners by email", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const owner = await makeUser();
    const token = await makeToken(admin);
    const tag = unique("csv");
    const csv =
      "\ufeffName,Category,Owner Email,Vendor,Endpoint Host,Port,STARTTLS,Status,Notes\r\n" +
      `${tag} relay,Email relay (SMTP),${owner.email.toUpperCase()},"Mail, Inc.",mail.${tag}.example,587,smtp,in_progress,"line one\nline two, with ""quotes"""\r\n` +
      `${tag} outlook,Microsoft email,,,,,,,\r\n`;
    const res = await importCsv(token, csv);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ committed: true, created: 2, updated: 0, rejected: [] });
    const relay = await db.integration.findFirstOrThrow({ where: { name: `${tag} relay` } });
    expect(relay).toMatchObject({ category: "email_relay", ownerId: owner.id, vendor: "Mail, Inc.", endpointPort: 587, starttls: "smtp", status: "in_progress", notes: 'line one\nline two, with "quotes"' });
    expect(await db.auditLog.count({ where: { entityId: relay.id, action: "integration.create" } })).toBe(1);
  });

  it("reports every bad row with its line number, and commits nothing when asked for all or nothing", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const tag = unique("bad");
    const csv = [
      "name,category,endpoint_host,endpoint_port,owner_email,status",
      `${tag} ok,api,,,,`,
      `"${tag} multi`,
      `line",browser,,,,`,
      `${tag} badcat,mainframe,,,,`,
      `,api,,,,`,
      `${tag} badport,outbound_callout,sso.example.com,99999,,`,
      `${tag} nobody,api,,,ghost@example.test,`,
      `${tag} ok,api,,,,retired`,
      `${tag} short,api`,
    ].join("\n");
    const preview = await importCsv(token, csv, "dryRun=true");
    expect(preview.status).toBe(200);
    const byLine = Object.fromEntries(preview.json.rows.map((r: { line: number; action: string; errors: object }) => [r.line, r.action === "error" ? r.errors : r.action]));
    expect(byLine).toEqual({
      2: "create",
      3: "create",
      5: { category: '"mainframe" is not a category' },
      6: { name: "is required" },
      7: { endpointPort: "must be between 1 and 65535" },
      8: { owner: "no user with the email ghost@example.test" },
      9: { _: "describes the same integration as line 2" },
      10: { _: "has 2 fields where the header has 6" },
    });
    const all = await importCsv(token, csv, "mode=all_or_nothing");
    expect(all.status).toBe(422);
    expect(all.json).toMatchObject({ committed: false, created: 0 });
    expect(all.json.rejected.map((r: { line: number }) => r.line)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(await db.integration.count({ where: { name: { startsWith: tag } } })).toBe(0);
    const valid = await importCsv(token, csv, "mode=valid_only");
    expect(valid.json).toMatchObject({ committed: true, created: 2 });
    expect(await db.integration.count({ where: { name: { startsWith: tag } } })).toBe(2);
  });

  it("updates on re-import instead of duplicating, matching by name and category or by id", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const tag = unique("re");
    const csv = `name,category,status\n${tag} a,api,not_started\n${tag} b,browser,in_progress\n`;
    expect((await importCsv(token, csv)).json).toMatchObject({ created: 2, updated: 0 });
    expect((await importCsv(token, csv)).json).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = csv.replace("not_started", "blocked");
    expect((await importCsv(token, changed)).json).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const a = await db.integration.findFirstOrThrow({ where: { name: `${tag} a` } });
    expect(a).toMatchObject({ status: "blocked", version: 2 });
    const renamed = await importCsv(token, `id,name,category\n${a.id},${tag} a renamed,api\n`);
    expect(renamed.json).toMatchObject({ updated: 1 });
    expect(await db.integration.count({ where: { name: { startsWith: tag } } })).toBe(2);
    const unknownId = await importCsv(token, `id,name,category\n${crypto.randomUUID()},x,api\n`, "dryRun=true");
    expect(unknownId.json.rows[0].errors.id).toMatch(/no integration has the id/);
  });

  it("withdraws a declaration of readiness when a re-import changes the endpoint, and says so in the audit log", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const row = await makeIntegration({ category: "outbound_callout", endpointHost: "old.example.com", endpointPort: 443 });
    await db.integration.update({
      where: { id: row.id },
      data: { overrideReady: true, overrideReason: "vendor letter", overrideFloor: "TLSv1_1", overrideAt: new Date(), overrideById: admin.id },
    });
    const res = await importCsv(token, `id,name,category,endpoint_host,endpoint_port\n${row.id},${row.name},outbound_callout,new.example.com,443\n`);
    expect(res.json).toMatchObject({ updated: 1 });
    expect(await db.integration.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ endpointHost: "new.example.com", overrideReady: false, overrideReason: null });
    const withdrawn = await db.auditLog.findMany({ where: { entityId: row.id, action: "integration.override_cleared" } });
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0].summary).toContain("its endpoint changed");
  });

  it("refuses a rename onto another integration's name, in the file or in the inventory", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const tag = unique("clash");
    const a = await makeIntegration({ name: `${tag} a`, category: "api" });
    await makeIntegration({ name: `${tag} b`, category: "api" });
    const plan = await importCsv(token, `id,name,category\n${a.id},${tag} b,api\n,${tag} c,api\n,${tag} c,api\n`, "dryRun=true");
    expect(plan.json.rows.map((r: { line: number; errors: object }) => [r.line, r.errors])).toEqual([
      [2, { name: "is already used by another integration in this category" }],
      [3, {}],
      [4, { _: "describes the same integration as line 3" }],
    ]);
  });

  it("refuses a body past the size limit with 413", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const res = await importCsv(token, `name,category\n${"x".repeat(11 * 1024 * 1024)},api\n`);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("too_large");
  });

  it("refuses a file it cannot read, saying where", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const unclosed = await importCsv(token, 'name,category\n"never closed,api\nnext,api\n');
    expect(unclosed.status).toBe(422);
    expect(unclosed.json.fatal).toMatch(/quoted field is never closed.*Nothing was imported/);
    const noHeader = await importCsv(token, "vendor,notes\nAcme,x\n");
    expect(noHeader.json.fatal).toMatch(/needs "name" and "category" columns/);
    expect((await importCsv(token, "")).json.fatal).toMatch(/empty/);
  });

  it("is for admins only", async () => {
    const token = await makeToken(await makeUser({ role: "MEMBER" }));
    expect((await importCsv(token, "name,category\nx,api\n")).status).toBe(403);
  });
});

describe("CSV export", () => {
  it("follows the filter, guards against spreadsheet formulas, and re-imports unchanged", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const tag = unique("exp");
    await makeIntegration({ name: `${tag} one`, category: "api", notes: "=HYPERLINK(\"http://evil\")", vendor: "A, B" });
    await makeIntegration({ name: `${tag} two`, category: "browser" });
    const csv = await exportCsv(token, `q=${tag}&category=api`);
    const lines = csv.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(lines[0]).toBe("id,name,category,owner_email,vendor,client_software,client_version,endpoint_host,endpoint_port,sni,starttls,status,notes,verdict,verdict_reason,created_at,updated_at,checklist_done,checklist_required,checklist_total,ready_basis");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"A, B"`);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const again = await importCsv(token, csv);
    expect(again.json).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 1 });
    expect((await db.integration.findFirstOrThrow({ where: { name: `${tag} one` } })).notes).toBe('=HYPERLINK("http://evil")');
  });

  it("is open to managers (a report), in pages of the database", async () => {
    const token = await makeToken(await makeUser({ role: "MANAGER" }));
    const tag = unique("many");
    await db.integration.createMany({ data: Array.from({ length: 1205 }, (_, i) => ({ name: `${tag}-${String(i).padStart(4, "0")}`, category: "api" as const })) });
    const csv = await exportCsv(token, `q=${tag}&sort=name`);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(1206);
    expect(lines[1205]).toContain(`${tag}-1204`);
  });
});
