// The checklist API: an integration's and a campaign's checklist, progress in the integration
// JSON and the CSV export, the board, my work, and every role on every new route.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { tickItem } from "@/lib/checklists/tick";
import { GET as checklistRoute } from "@/app/api/v1/integrations/[id]/checklist/route";
import { GET as campaignChecklistRoute } from "@/app/api/v1/campaigns/[id]/checklist/route";
import { GET as boardRoute } from "@/app/api/v1/board/route";
import { GET as workRoute } from "@/app/api/v1/me/work/route";
import { GET as listRoute } from "@/app/api/v1/integrations/route";
import { GET as readRoute } from "@/app/api/v1/integrations/[id]/route";
import { GET as exportRoute } from "@/app/api/v1/integrations/export/route";
import { GET as templatesRoute, POST as addTemplateRoute } from "@/app/api/v1/checklist-templates/route";
import { PATCH as templateRoute } from "@/app/api/v1/checklist-templates/[id]/route";
import { PATCH as tickRoute } from "@/app/api/v1/checklist-items/[id]/route";
import { call } from "../support/api";
import { makeCampaign, makeIntegration, makeToken, makeUser, unique, type TestUser } from "../support/factories";
import { addTemplate, instantiate, itemOf, storeProbe } from "../support/checklists";

let admin: TestUser;
let member: TestUser;
let campaign: Awaited<ReturnType<typeof makeCampaign>>;
const tokens = {} as Record<"ADMIN" | "MANAGER" | "MEMBER", string>;
// One tag per file: names carry it so the board's filters can be checked against known rows.
const tag = unique("board");
let t1: string, t2: string, own: string;

beforeAll(async () => {
  admin = await makeUser({ role: "ADMIN", name: "Ada Admin" });
  member = await makeUser({ name: "Mia Member" });
  campaign = await makeCampaign({ dueAt: new Date("2099-03-04T17:30:00Z") }); // the active campaign
  tokens.ADMIN = await makeToken(admin);
  tokens.MEMBER = await makeToken(member);
  tokens.MANAGER = await makeToken(await makeUser({ role: "MANAGER" }));
  t1 = (await addTemplate(admin, campaign.id, { category: "api", title: "Identify the runtime" })).id;
  t2 = (await addTemplate(admin, campaign.id, { category: "api", title: "Apply the change", required: false })).id;
  await addTemplate(admin, campaign.id, { category: "api", title: "Confirm in Login History", verification: true, evidence: "link" });
  await addTemplate(admin, campaign.id, { category: "outbound_callout", title: "A probe shows it", automatic: "probe_meets_floor" });
  own = (await addTemplate(admin, campaign.id, { category: null, title: "Communicate the cutoff" })).id;
});

const get = (handler: Parameters<typeof call>[0], token: string, path: string, params?: Record<string, string>) => call(handler, { token, path, params });

describe("an integration's checklist", () => {
  it("lists its items in order with who ticked them, and its progress", async () => {
    const row = await instantiate(makeIntegration({ category: "api", ownerId: member.id, name: `${tag} ERP sync` }));
    await tickItem(member, (await itemOf(t1, row.id)).id, { done: true, note: "Java 7u80", version: 1 });
    const res = await get(checklistRoute, tokens.MANAGER, `/api/v1/integrations/${row.id}/checklist`, { id: row.id });
    expect(res.status).toBe(200);
    expect(res.json.progress).toEqual({ done: 1, required: 2, total: 3 });
    expect(res.json.data.map((i: { title: string }) => i.title)).toEqual(["Identify the runtime", "Apply the change", "Confirm in Login History"]);
    expect(res.json.data[0]).toEqual({
      id: expect.any(String),
      title: "Identify the runtime",
      guidance: "",
      required: true,
      verification: false,
      evidence: "none",
      automatic: null,
      done: true,
      doneAt: expect.any(String),
      doneBy: { id: member.id, name: "Mia Member" },
      tickedBy: "person",
      note: "Java 7u80",
      evidenceUrl: null,
      version: 2,
    });
    expect(res.json.data[2]).toMatchObject({ verification: true, evidence: "link", done: false, doneBy: null, doneAt: null, tickedBy: null });
    const other = await makeCampaign();
    const elsewhere = await get(checklistRoute, tokens.MEMBER, `/api/v1/integrations/${row.id}/checklist?campaign=${other.id}`, { id: row.id });
    expect(elsewhere.json).toEqual({ data: [], progress: { done: 0, required: 0, total: 0 } });
    expect((await get(checklistRoute, tokens.MEMBER, `/api/v1/integrations/x/checklist?campaign=${crypto.randomUUID()}`, { id: row.id })).status).toBe(404);
    expect((await get(checklistRoute, tokens.MEMBER, `/api/v1/integrations/x/checklist?campaign=nope`, { id: row.id })).json.error.fields).toEqual({ campaign: "must be a valid id" });
    expect((await get(checklistRoute, tokens.MEMBER, "/api/v1/integrations/x/checklist", { id: crypto.randomUUID() })).status).toBe(404);
  });

  it("shows in the integration JSON and, appended, in the CSV export", async () => {
    const row = await instantiate(makeIntegration({ category: "api", name: `${tag} Billing` }));
    await tickItem(admin, (await itemOf(t2, row.id)).id, { done: true, version: 1 });
    expect((await get(readRoute, tokens.MEMBER, `/api/v1/integrations/${row.id}`, { id: row.id })).json.checklist).toEqual({ done: 1, required: 2, total: 3 });
    const list = await get(listRoute, tokens.MEMBER, `/api/v1/integrations?q=${encodeURIComponent(`${tag} Billing`)}`);
    expect(list.json.data).toMatchObject([{ id: row.id, checklist: { done: 1, required: 2, total: 3 } }]);
    const none = await makeIntegration({ category: "support_portal", name: `${tag} portal` });
    expect((await get(readRoute, tokens.MEMBER, `/api/v1/integrations/${none.id}`, { id: none.id })).json.checklist).toEqual({ done: 0, required: 0, total: 0 });
    const csv = (await get(exportRoute, tokens.MANAGER, `/api/v1/integrations/export?q=${encodeURIComponent(`${tag} Billing`)}`)).json as string;
    const [header, line] = csv.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(header.split(",").slice(-4)).toEqual(["checklist_done", "checklist_required", "checklist_total", "ready_basis"]);
    expect(line.split(",").slice(-4)).toEqual(["1", "2", "3", ""]);
  });
});

describe("the campaign's own checklist", () => {
  it("is read by everyone and ticked by admins through the items route", async () => {
    const res = await get(campaignChecklistRoute, tokens.MANAGER, "/x", { id: campaign.id });
    expect(res.json.data).toMatchObject([{ title: "Communicate the cutoff", done: false }]);
    const item = await itemOf(own, null);
    expect((await call(tickRoute, { method: "PATCH", token: tokens.ADMIN, params: { id: item.id }, body: { done: true, version: item.version } })).status).toBe(200);
    expect((await get(campaignChecklistRoute, tokens.MEMBER, "/x", { id: campaign.id })).json.progress).toEqual({ done: 1, required: 1, total: 1 });
    await db.checklistItem.update({ where: { id: item.id }, data: { done: false } });
    expect((await get(campaignChecklistRoute, tokens.MEMBER, "/x", { id: crypto.randomUUID() })).status).toBe(404);
  });
});

describe("the board", () => {
  it("groups by impact area in the notice's order with counts from the database, and pages the rows", async () => {
    const q = `/api/v1/board?pageSize=2`;
    const sso = await instantiate(makeIntegration({ category: "outbound_callout", name: `${tag} SSO`, endpointHost: "sso.example.com", ownerId: member.id }));
    await storeProbe(sso, { handshakeVersion: "TLSv1_2" });
    await db.$transaction((tx) => import("@/lib/checklists/automatic").then((m) => m.syncAutomaticItems(tx, [sso.id])));
    await instantiate(makeIntegration({ category: "browser", name: `${tag} Kiosks` }));
    const first = await get(boardRoute, tokens.MANAGER, q);
    expect(first.status).toBe(200);
    expect(first.json.groups.map((g: { category: string }) => g.category)).toEqual(["browser", "api", "support_portal", "outbound_callout"]);
    const outbound = first.json.groups.find((g: { category: string }) => g.category === "outbound_callout");
    expect(outbound).toEqual({ category: "outbound_callout", label: "Outbound call-out", total: 1, inScope: 1, ready: 1, withOpenItems: 0, items: { done: 1, total: 1 } });
    expect(first.json.total).toBe(first.json.groups.reduce((n: number, g: { total: number }) => n + g.total, 0));
    expect(first.json.data).toHaveLength(2);
    expect(first.json.data[0].category).toBe("browser");
    expect(first.json.campaign).toMatchObject({ id: campaign.id, floor: "TLSv1.1" });
    expect(first.json.campaignChecklist.data.map((i: { title: string }) => i.title)).toEqual(["Communicate the cutoff"]);
    const last = await get(boardRoute, tokens.MANAGER, `${q}&page=${Math.ceil(first.json.total / 2)}`);
    expect(last.json.data.at(-1)).toMatchObject({ id: sso.id, readiness: { verdict: "ready" }, checklist: { done: 1, required: 1, total: 1 }, nextItem: null });
  });

  it("filters by owner (me), verdict, category and open items, like the inventory", async () => {
    const mine = await instantiate(makeIntegration({ category: "api", name: `${tag} Mine`, ownerId: member.id }));
    const res = await get(boardRoute, tokens.MEMBER, "/api/v1/board?owner=me&category=api&open=true&pageSize=200");
    expect(res.json.data.every((r: { owner: { id: string } }) => r.owner.id === member.id)).toBe(true);
    const row = res.json.data.find((r: { id: string }) => r.id === mine.id);
    expect(row).toMatchObject({
      name: `${tag} Mine`,
      owner: { id: member.id, name: "Mia Member" },
      status: "not_started",
      readiness: { verdict: "unverified" },
      checklist: { done: 0, required: 2, total: 3 },
      nextItem: { title: "Identify the runtime" },
    });
    expect(row.items.map((i: { title: string; done: boolean }) => [i.title, i.done])).toEqual([
      ["Identify the runtime", false],
      ["Apply the change", false],
      ["Confirm in Login History", false],
    ]);
    expect(res.json.groups).toEqual([expect.objectContaining({ category: "api", total: res.json.data.length })]);
    const ready = await get(boardRoute, tokens.MEMBER, "/api/v1/board?verdict=ready&pageSize=200");
    expect(ready.json.data.map((r: { readiness: { verdict: string } }) => r.readiness.verdict)).toEqual(ready.json.data.map(() => "ready"));
    for (const id of (await db.checklistItem.findMany({ where: { integrationId: mine.id } })).map((i) => i.id)) {
      await tickItem(member, id, { done: true, version: 1, evidenceUrl: "https://login-history.example/report" });
    }
    const open = await get(boardRoute, tokens.MEMBER, "/api/v1/board?owner=me&open=true&pageSize=200");
    expect(open.json.data.map((r: { id: string }) => r.id)).not.toContain(mine.id);
    const bad = await get(boardRoute, tokens.MEMBER, "/api/v1/board?owner=none&open=maybe&verdict=great&pageSize=5000");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["open", "owner", "pageSize", "verdict"]);
  });
});

describe("my work", () => {
  it("lists a member's open items across what they own, nearest milestone first; managers have none", async () => {
    const soon = await makeCampaign({ dueAt: new Date("2098-01-01T00:00:00Z") });
    await addTemplate(admin, soon.id, { category: "appexchange", title: "Ask the vendor" });
    const app = await instantiate(makeIntegration({ category: "appexchange", name: `${tag} App`, ownerId: member.id }));
    await instantiate(makeIntegration({ category: "api", name: `${tag} Someone else's` }));
    const res = await get(workRoute, tokens.MEMBER, "/api/v1/me/work");
    expect(res.status).toBe(200);
    expect(res.json.data[0]).toMatchObject({
      title: "Ask the vendor",
      done: false,
      integration: { id: app.id, category: "appexchange" },
      campaign: { id: soon.id },
      milestone: { name: "Production cutoff", dueAt: "2098-01-01T00:00:00.000Z" },
    });
    expect(res.json.data.every((i: { integration: { name: string } | null }) => i.integration && !i.integration.name.includes("Someone else"))).toBe(true);
    const dues = res.json.data.map((i: { milestone: { dueAt: string } }) => i.milestone.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect(res.json.total).toBe(res.json.data.length);
    const page2 = await get(workRoute, tokens.MEMBER, `/api/v1/me/work?pageSize=1&page=2`);
    expect(page2.json).toMatchObject({ page: 2, pageSize: 1, total: res.json.total });
    expect((await get(workRoute, tokens.MANAGER, "/api/v1/me/work")).json).toEqual({ data: [], page: 1, pageSize: 100, total: 0 });
    const adminWork = await get(workRoute, tokens.ADMIN, "/api/v1/me/work");
    expect(adminWork.json.data.some((i: { integration: null; title: string }) => i.integration === null && i.title === "Communicate the cutoff")).toBe(true);
  });
});

describe("every role on every new route", () => {
  // Written out by hand: what each role gets, not derived from the permission table.
  it("gets what the roles table says", async () => {
    const row = await instantiate(makeIntegration({ category: "api", ownerId: member.id, name: `${tag} roles` }));
    const foreign = await instantiate(makeIntegration({ category: "api", name: `${tag} roles foreign` }));
    const template = await addTemplate(admin, campaign.id, { category: "browser", title: unique("Roles") });
    const reads: [Parameters<typeof call>[0], string, Record<string, string>?][] = [
      [templatesRoute, "/api/v1/checklist-templates"],
      [checklistRoute, "/x", { id: row.id }],
      [campaignChecklistRoute, "/x", { id: campaign.id }],
      [boardRoute, "/api/v1/board"],
      [workRoute, "/api/v1/me/work"],
    ];
    for (const role of ["ADMIN", "MANAGER", "MEMBER"] as const) {
      for (const [handler, path, params] of reads) expect((await get(handler, tokens[role], path, params)).status, `${role} ${path}`).toBe(200);
    }
    const expected = {
      ADMIN: { add: 201, change: 200, tickOwn: 200, tickForeign: 200 },
      MANAGER: { add: 403, change: 403, tickOwn: 403, tickForeign: 403 },
      MEMBER: { add: 403, change: 403, tickOwn: 200, tickForeign: 403 },
    };
    for (const role of ["MANAGER", "MEMBER", "ADMIN"] as const) {
      const add = await call(addTemplateRoute, { method: "POST", token: tokens[role], body: { category: "api", title: unique("Added") } });
      const current = await db.checklistTemplate.findUniqueOrThrow({ where: { id: template.id } });
      const change = await call(templateRoute, { method: "PATCH", token: tokens[role], params: { id: template.id }, body: { version: current.version, guidance: role } });
      const ownItem = await itemOf(t1, row.id);
      const tickOwn = await call(tickRoute, { method: "PATCH", token: tokens[role], params: { id: ownItem.id }, body: { done: !ownItem.done, version: ownItem.version } });
      const foreignItem = await itemOf(t1, foreign.id);
      const tickForeign = await call(tickRoute, { method: "PATCH", token: tokens[role], params: { id: foreignItem.id }, body: { done: !foreignItem.done, version: foreignItem.version } });
      expect({ add: add.status, change: change.status, tickOwn: tickOwn.status, tickForeign: tickForeign.status }, role).toEqual(expected[role]);
    }
    expect((await call(boardRoute, { token: "trb_nope", path: "/api/v1/board" })).status).toBe(401);
  });
});
