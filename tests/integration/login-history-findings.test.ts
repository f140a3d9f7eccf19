// Findings, the API and the links against a real Postgres: aggregation per client and per user,
// browser classification, the routes as each role, creating and linking integrations, the
// automatic Login History tick and legacy_login_at.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { POST as uploadRoute } from "@/app/api/v1/login-history/imports/route";
import { GET as importRoute } from "@/app/api/v1/login-history/imports/[id]/route";
import { GET as findingsRoute } from "@/app/api/v1/login-history/findings/route";
import { POST as previewRoute } from "@/app/api/v1/login-history/preview/route";
import { POST as linksRoute } from "@/app/api/v1/login-history/links/route";
import { runImport } from "@/lib/login-history/import-job";
import { deleteImport } from "@/lib/login-history/imports";
import { integrationLoginEvidence } from "@/lib/login-history/links";
import { getIntegrationChecklist } from "@/lib/checklists/items";
import { listIntegrations } from "@/lib/integrations/service";
import { listQuerySchema } from "@/lib/integrations/schemas";
import { clientKey } from "@/lib/login-history/keys";
import { call } from "../support/api";
import { makeCampaign, makeIntegration, makeToken, makeUser, type TestUser } from "../support/factories";
import { addTemplate, instantiate, itemOf } from "../support/checklists";
import { exportOf, importExport, type Login } from "../support/login-history";

let admin: TestUser;
let adminToken: string;
let memberToken: string;
let managerToken: string;
let campaignId: string;
let confirmTemplateId: string;

const DL = clientKey({ application: "Data Loader", clientVersion: "35.0", apiType: "SOAP Partner", browser: "" });
const ie = (user: string, at: string, extra: Partial<Login> = {}): Login => ({ user, at, app: "Browser", version: "N/A", apiType: "N/A", browser: "IE 10", loginType: "Application", ...extra });

beforeAll(async () => {
  admin = await makeUser({ role: "ADMIN" });
  adminToken = await makeToken(admin);
  memberToken = await makeToken(await makeUser({ role: "MEMBER" }));
  managerToken = await makeToken(await makeUser({ role: "MANAGER" }));
  campaignId = (await makeCampaign()).id;
  confirmTemplateId = (await addTemplate(admin, campaignId, { category: "api", title: "Confirm in Login History that it no longer logs in over TLS 1.0", verification: true, evidence: "link" })).id;
  await importExport(
    admin,
    exportOf([
      { user: "dl@example.com", at: "1/10/2017 8:00 AM", ip: "10.0.0.1" },
      { user: "dl@example.com", at: "1/11/2017 8:00 AM", ip: "10.0.0.2" },
      { user: "dl@example.com", at: "1/12/2017 8:00 AM", tls: "TLS 1.2" },
      { user: "dl@example.com", at: "1/12/2017 9:00 AM", tls: "N/A" },
      { user: "dl@example.com", at: "1/13/2017 8:00 AM", status: "Failed: Login over insecure channel" },
      ie("ann@example.com", "1/10/2017 10:00 AM"),
      ie("bob@example.com", "1/11/2017 10:00 AM", { browser: "Chrome 56", tls: "TLS 1.2" }),
      { user: "erp@example.com", at: "1/2/2017 8:00 AM", app: "ERP Order Sync", version: "Java 1.7.0_80", apiType: "SOAP Enterprise" },
      { user: "erp@example.com", at: "1/20/2017 8:00 AM", app: "ERP Order Sync", version: "Java 1.7.0_80", apiType: "SOAP Enterprise", tls: "TLSv1.2" },
      { user: "erp@example.com", at: "1/21/2017 8:00 AM", app: "ERP Order Sync", version: "Java 1.7.0_80", apiType: "SOAP Enterprise", tls: "TLSv1.2" },
      { user: "mail@example.com", at: "1/21/2017 8:00 AM", app: "Salesforce for Outlook", version: "2.9.3", apiType: "SOAP Partner" },
    ]),
  );
});

describe("the Login History API", () => {
  it("takes an upload (202 { id }) and reports the import in the contract's fields", async () => {
    const body = exportOf([{ user: "api@example.com", at: "10/02/2017 09:15", tls: "TLSv1.1", app: "Api Test" }, { user: "", at: "10/02/2017 09:15", app: "Api Test" }]);
    const res = await call(uploadRoute as never, { method: "POST", token: adminToken, path: "/api/v1/login-history/imports?timeZone=Europe/Paris&dateOrder=dmy&fileName=feb.csv", body, headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ id: expect.any(String) });
    await runImport(res.json.id, new AbortController().signal);
    const got = await call(importRoute as never, { token: managerToken, params: { id: res.json.id } });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      id: res.json.id,
      status: "done",
      rowsRead: 2,
      rowsImported: 1,
      rowsRefused: 1,
      errors: [{ line: 3, reason: "has no Username" }],
      from: "2017-02-10T08:15:00.000Z",
      to: "2017-02-10T08:15:00.000Z",
      fileName: "feb.csv",
    });
  });

  it("refuses uploads from members and managers, a wrong content type, and a bad time zone by name", async () => {
    const body = exportOf([{ user: "x@example.com", at: "1/1/2017 8:00 AM" }]);
    for (const token of [memberToken, managerToken]) {
      const res = await call(uploadRoute as never, { method: "POST", token, body, headers: { "content-type": "text/csv" } });
      expect(res.status).toBe(403);
    }
    const json = await call(uploadRoute as never, { method: "POST", token: adminToken, body: { a: 1 } });
    expect(json.status).toBe(415);
    expect(json.json.error.message).toContain("text/csv");
    const zone = await call(uploadRoute as never, { method: "POST", token: adminToken, path: "/x?timeZone=Mars/Olympus", body, headers: { "content-type": "text/csv" } });
    expect(zone.status).toBe(422);
    expect(zone.json.error.fields.timeZone).toContain("IANA time zone");
  });

  it("previews the first rows as read without storing anything", async () => {
    const before = await db.loginHistoryImport.count();
    const res = await call(previewRoute as never, { method: "POST", token: adminToken, path: "/x?dateOrder=dmy", body: exportOf([{ user: "p@example.com", at: "03/04/2017 10:00" }]), headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(200);
    expect(res.json.rows[0]).toMatchObject({ username: "p@example.com", loginAt: "2017-04-03T10:00:00.000Z", tlsProtocol: "TLSv1" });
    expect(res.json).toMatchObject({ zoneInFile: false, ambiguousDates: true, laterThanNow: 0 });
    // 12/03/2099 read as month/day is a login from the future: the preview says so.
    const future = await call(previewRoute as never, { method: "POST", token: adminToken, path: "/x?dateOrder=mdy", body: exportOf([{ user: "p@example.com", at: "12/03/2099 10:00" }, { user: "q@example.com", at: "03/04/2017 10:00" }]), headers: { "content-type": "text/csv" } });
    expect(future.json).toMatchObject({ laterThanNow: 1 });
    expect(res.json.columns).toMatchObject({ username: "Username", tlsProtocol: "TLS Protocol" });
    const missing = await call(previewRoute as never, { method: "POST", token: adminToken, body: "Username,Login Time\na,2017-01-01T00:00:00Z\n", headers: { "content-type": "text/csv" } });
    expect(missing.status).toBe(422);
    expect(missing.json.error.message).toContain("Summer ’16");
    expect(await db.loginHistoryImport.count()).toBe(before);
  });
});

describe("findings", () => {
  it("aggregate per client: logins by protocol, failed insecure-channel logins, first and last seen, source IPs", async () => {
    const res = await call(findingsRoute as never, { token: memberToken, path: "/x?by=client" });
    expect(res.status).toBe(200);
    const dl = res.json.data.find((f: { key: string }) => f.key === DL);
    expect(dl).toMatchObject({
      application: "Data Loader",
      clientVersion: "35.0",
      apiType: "SOAP Partner",
      logins: 5,
      byProtocol: { TLSv1: 3, "TLSv1.1": 0, "TLSv1.2": 1, "TLSv1.3": 0, unknown: 1 },
      failedInsecure: 1,
      firstSeen: "2017-01-10T08:00:00.000Z",
      lastSeen: "2017-01-13T08:00:00.000Z",
      integrationId: null,
      suggestedCategory: "api",
      browserCompatibility: null,
    });
    expect(dl.sourceIps).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(dl.tls10Share).toBe(0.75);
    // Browser logins are one client per browser, judged against the compatibility table.
    const browsers = res.json.data.filter((f: { application: string }) => f.application === "Browser");
    expect(browsers.map((f: { browser: string; browserCompatibility: string; suggestedCategory: string }) => [f.browser, f.browserCompatibility, f.suggestedCategory]).sort()).toEqual([
      ["Chrome 56", "compatible", "browser"],
      ["IE 10", "needs_setting", "browser"],
    ]);
    const outlook = res.json.data.find((f: { application: string }) => f.application === "Salesforce for Outlook");
    expect(outlook.suggestedCategory).toBe("microsoft_email");
  });

  it("filter by protocol, page, and aggregate per user", async () => {
    const tls10 = await call(findingsRoute as never, { token: managerToken, path: "/x?by=client&protocol=TLSv1&page=1&pageSize=2" });
    expect(tls10.json).toMatchObject({ page: 1, pageSize: 2, total: 4 });
    expect(tls10.json.data.map((f: { key: string }) => f.key)[0]).toBe(DL);
    expect(tls10.json.data.every((f: { byProtocol: { TLSv1: number } }) => f.byProtocol.TLSv1 > 0)).toBe(true);
    const page2 = await call(findingsRoute as never, { token: managerToken, path: "/x?by=client&protocol=TLSv1&page=2&pageSize=2" });
    expect(page2.json.data).toHaveLength(2);
    const beyond = await call(findingsRoute as never, { token: managerToken, path: "/x?by=client&protocol=TLSv1&page=9&pageSize=2" });
    expect(beyond.json).toMatchObject({ data: [], total: 4 });
    const users = await call(findingsRoute as never, { token: memberToken, path: "/x?by=user&protocol=TLSv1" });
    const ann = users.json.data.find((f: { username: string }) => f.username === "ann@example.com");
    expect(ann).toMatchObject({ username: "ann@example.com", application: "Browser", logins: 1, byProtocol: { TLSv1: 1 } });
    const bad = await call(findingsRoute as never, { token: memberToken, path: "/x?by=everyone&pageSize=1000" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toMatchObject({ by: "must be client or user", pageSize: "must be between 1 and 200" });
  });
});

describe("links and evidence", () => {
  it("create an integration from a finding in one call, filled in from the login", async () => {
    const refused = await call(linksRoute as never, { method: "POST", token: memberToken, body: { kind: "client", key: DL } });
    expect(refused.status).toBe(403);
    const res = await call(linksRoute as never, { method: "POST", token: adminToken, body: { kind: "client", key: DL } });
    expect(res.status).toBe(201);
    const row = await db.integration.findUniqueOrThrow({ where: { id: res.json.integrationId } });
    expect(row).toMatchObject({ name: "Data Loader 35.0 (Login History)", category: "api", clientSoftware: "Data Loader", clientVersion: "35.0" });
    const listed = await call(findingsRoute as never, { token: memberToken, path: "/x?by=client&protocol=TLSv1" });
    expect(listed.json.data.find((f: { key: string }) => f.key === DL).integrationId).toBe(row.id);
    const evidence = await integrationLoginEvidence(admin, row.id);
    expect(evidence).toMatchObject({ logins: 5, byProtocol: { TLSv1: 3, "TLSv1.2": 1, unknown: 1 }, failedInsecure: 1, lastTls10: new Date("2017-01-13T08:00:00Z") });
    const browser = await call(linksRoute as never, { method: "POST", token: adminToken, body: { kind: "client", key: clientKey({ application: "Browser", clientVersion: "N/A", apiType: "N/A", browser: "IE 10" }) } });
    const ieRow = await db.integration.findUniqueOrThrow({ where: { id: browser.json.integrationId } });
    expect(ieRow).toMatchObject({ name: "IE 10 users (Login History)", category: "browser", clientSoftware: "Internet Explorer", clientVersion: "10" });
  });

  it("tick the Login History item of a client that logs in only at the floor since a date, done by the import", async () => {
    const erp = await instantiate(makeIntegration({ category: "api", name: "ERP order sync" }));
    const dl = await instantiate(makeIntegration({ category: "api", name: "Data Loader nightly" }));
    const link = (id: string, key: string) => call(linksRoute as never, { method: "POST", token: adminToken, body: { kind: "client", key, integrationId: id } });
    expect((await link(erp.id, clientKey({ application: "ERP Order Sync", clientVersion: "Java 1.7.0_80", apiType: "SOAP Enterprise", browser: "" }))).status).toBe(200);
    expect((await link(dl.id, DL)).status).toBe(200);

    const item = await itemOf(confirmTemplateId, erp.id);
    expect(item).toMatchObject({ done: true, doneById: null });
    expect(item.note).toBe("Login History: 2 logins at the floor or newer and none below it since 2017-01-02");
    expect(item.evidenceUrl).toMatch(/^\/login-history#import-/);
    const tick = await db.checklistTick.findFirstOrThrow({ where: { itemId: item.id } });
    expect(tick).toMatchObject({ done: true, source: "import", byId: null });
    // Shown as the import's tick, not a person's (doneBy is null).
    const shown = (await getIntegrationChecklist(admin, erp.id)).data.find((i) => i.id === item.id);
    expect(shown).toMatchObject({ done: true, doneBy: null, tickedBy: "import" });
    // Data Loader still logs in over TLS 1.0 last: not ticked.
    expect((await itemOf(confirmTemplateId, dl.id)).done).toBe(false);
    // Its user is not linked itself, but is shown through its linked client (no second integration for it).
    const users = await call(findingsRoute as never, { token: memberToken, path: "/x?by=user&pageSize=200" });
    const erpUser = users.json.data.find((f: { username: string }) => f.username === "erp@example.com");
    expect(erpUser).toMatchObject({ integrationId: null, viaClient: { integrationId: erp.id, integrationName: "ERP order sync" } });
    const clients = await call(findingsRoute as never, { token: memberToken, path: "/x?by=client&pageSize=200" });
    expect(clients.json.data.every((f: { viaClient: unknown }) => f.viaClient === null)).toBe(true);
  });

  it("tick only when the client has been clean for a while: two logins over a week since its last TLS 1.0 one, and none of its users left below the floor", async () => {
    const etl = await instantiate(makeIntegration({ category: "api", name: "Nightly ETL" }));
    const login = (user: string, at: string, tls = "TLSv1") => ({ user, at, app: "Nightly ETL", version: "4.2", apiType: "REST", tls });
    const confirm = () => itemOf(confirmTemplateId, etl.id);
    await importExport(admin, exportOf([login("etl1@example.com", "2/1/2017 1:00 AM"), login("etl1@example.com", "2/2/2017 1:00 AM", "TLSv1.2")]));
    await call(linksRoute as never, { method: "POST", token: adminToken, body: { kind: "client", key: clientKey({ application: "Nightly ETL", clientVersion: "4.2", apiType: "REST", browser: "" }), integrationId: etl.id } });
    // One clean login the day after the last TLS 1.0 one proves little: TLS 1.0 is still in use, so not ready.
    expect((await confirm()).done).toBe(false);
    const belowAt = async () => (await db.integration.findUniqueOrThrow({ where: { id: etl.id } })).belowFloorLoginAt;
    expect(await belowAt()).toEqual(new Date("2017-02-01T01:00:00Z"));
    const [listed] = (await listIntegrations(admin, listQuerySchema.parse({ q: "Nightly ETL" }))).data;
    expect(listed.readiness).toMatchObject({ verdict: "not_ready", reason: expect.stringContaining("Login History shows it signing in below the TLS 1.1 floor, most recently on 2017-02-01") });
    // A week of clean logins from etl1, but etl2 logged in over TLS 1.0 and not at the floor since.
    await importExport(admin, exportOf([login("etl2@example.com", "1/30/2017 1:00 AM"), login("etl1@example.com", "2/10/2017 1:00 AM", "TLSv1.2")]));
    expect((await confirm()).done).toBe(false);
    await importExport(admin, exportOf([login("etl2@example.com", "2/11/2017 1:00 AM", "TLSv1.2")]));
    const item = await confirm();
    expect(item).toMatchObject({ done: true, doneById: null });
    expect(item.note).toBe("Login History: 3 logins at the floor or newer and none below it since 2017-02-01");
    // Clean for a while now: no longer shown as still in use.
    expect(await belowAt()).toBeNull();
  });

  it("mark an integration that logs in below the floor after its checklist was completed, and clear it when that evidence goes", async () => {
    const mail = await instantiate(makeIntegration({ category: "api", name: "Outlook finance" }));
    const item = await itemOf(confirmTemplateId, mail.id);
    await db.checklistItem.update({ where: { id: item.id }, data: { done: true, doneAt: new Date("2017-01-25T00:00:00Z"), evidenceUrl: "https://example.com/report" } });
    const key = clientKey({ application: "Salesforce for Outlook", clientVersion: "2.9.3", apiType: "SOAP Partner", browser: "" });
    await call(linksRoute as never, { method: "POST", token: adminToken, body: { kind: "client", key, integrationId: mail.id } });
    // Its TLS 1.0 login (21 Jan) came before the checklist was completed (25 Jan): nothing to flag.
    expect((await db.integration.findUniqueOrThrow({ where: { id: mail.id } })).legacyLoginAt).toBeNull();
    const later = await importExport(admin, exportOf([{ user: "mail@example.com", at: "2/1/2017 8:00 AM", app: "Salesforce for Outlook", version: "2.9.3", apiType: "SOAP Partner" }]));
    expect((await db.integration.findUniqueOrThrow({ where: { id: mail.id } })).legacyLoginAt).toEqual(new Date("2017-02-01T08:00:00Z"));
    expect((await integrationLoginEvidence(admin, mail.id))?.legacyLoginAt).toEqual(new Date("2017-02-01T08:00:00Z"));
    await deleteImport(admin, later.id);
    expect((await db.integration.findUniqueOrThrow({ where: { id: mail.id } })).legacyLoginAt).toBeNull();
  });
});
