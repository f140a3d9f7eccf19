// Checklist templates against a real Postgres: changes reach existing integrations, retiring keeps
// history, new integrations, category changes, CSV imports and new campaigns get their items.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getIntegrationChecklist } from "@/lib/checklists/items";
import { listTemplates, updateTemplate } from "@/lib/checklists/templates";
import { tickItem } from "@/lib/checklists/tick";
import { ensureDefaultChecklists } from "@/lib/checklists/defaults";
import { DEFAULT_CAMPAIGN_ITEMS, DEFAULT_TEMPLATES } from "@/lib/checklists/default-templates";
import { createCampaign } from "@/lib/campaigns/service";
import { createIntegration, updateIntegration } from "@/lib/integrations/service";
import { createIntegrationInput } from "@/lib/integrations/schemas";
import { planImport } from "@/lib/integrations/csv-import";
import { commitImport } from "@/lib/integrations/csv-commit";
import { CATEGORIES } from "@/lib/integrations/categories";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/checklist-templates/route";
import { PATCH as patchRoute } from "@/app/api/v1/checklist-templates/[id]/route";
import { call } from "../support/api";
import { makeCampaign, makeIntegration, makeToken, makeUser, unique, type TestUser } from "../support/factories";
import { addTemplate, itemOf } from "../support/checklists";

let admin: TestUser;
let campaignId: string;

beforeAll(async () => {
  admin = await makeUser({ role: "ADMIN" });
  campaignId = (await makeCampaign()).id; // the only campaign, so the active one
});

const titles = async (integrationId: string, campaign = campaignId) =>
  (await getIntegrationChecklist(admin, integrationId, campaign)).data.map((i) => i.title);

describe("adding a template", () => {
  it("adds it, open, to every integration of that category in the campaign and to none other", async () => {
    const apis = await Promise.all([makeIntegration({ category: "api" }), makeIntegration({ category: "api" })]);
    const browser = await makeIntegration({ category: "browser" });
    const template = await addTemplate(admin, campaignId, { category: "api", title: unique("Apply the change") });
    for (const api of apis) {
      const item = await itemOf(template.id, api.id);
      expect(item).toMatchObject({ done: false, version: 1, campaignId });
    }
    expect(await db.checklistItem.count({ where: { templateId: template.id, integrationId: browser.id } })).toBe(0);
    expect(template.items.total).toBeGreaterThanOrEqual(2);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityType: "checklist_template", entityId: template.id } });
    expect(audit).toMatchObject({ action: "checklist_template.create", actorLabel: admin.email });
    expect(audit.summary).toMatch(/open on \d+ integrations/);
  });

  it("gives integrations created later their items, over the service and CSV import alike", async () => {
    const template = await addTemplate(admin, campaignId, { category: "support_portal" });
    const created = await createIntegration(admin, createIntegrationInput.parse({ name: unique("Portal"), category: "support_portal" }));
    expect(await titles(created.id)).toContain(template.title);
    const name = unique("Imported portal");
    const plan = await planImport(admin, `name,category\n${name},support_portal\n`);
    expect((await commitImport(admin, plan, "all_or_nothing")).created).toBe(1);
    const imported = await db.integration.findFirstOrThrow({ where: { name } });
    expect(await titles(imported.id)).toContain(template.title);
  });

  it("puts it where asked, and refuses a title the checklist already has", async () => {
    const category = "appexchange";
    const first = await addTemplate(admin, campaignId, { category, title: "Ask the vendor" });
    const second = await addTemplate(admin, campaignId, { category, title: "Upgrade the app" });
    const top = await addTemplate(admin, campaignId, { category, title: "Read the notice", position: 1 });
    const order = (await listTemplates(admin, { campaign: campaignId, category })).data.map((t) => t.id);
    expect(order).toEqual([top.id, first.id, second.id]);
    await expect(addTemplate(admin, campaignId, { category, title: "ask the VENDOR" })).rejects.toMatchObject({ status: 409, fields: { title: "is already on this checklist" } });
  });

  it("validates over the API: 422 naming the field, 201 with the template", async () => {
    const token = await makeToken(admin);
    const bad = await call(createRoute, { method: "POST", token, body: { category: "api", title: "x", automatic: "probe_meets_floor" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toMatchObject({ title: "must be at least 3 characters", automatic: expect.stringContaining("needs a category a probe can test") });
    const evidence = await call(createRoute, { method: "POST", token, body: { category: "email_relay", title: "Probe it", automatic: "probe_meets_floor", evidence: "link" } });
    expect(evidence.json.error.fields).toEqual({ evidence: "must be none for an automatic item: its evidence is the probe" });
    const ok = await call(createRoute, { method: "POST", token, body: { campaignId, category: null, title: unique("Communicate the cutoff") } });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ category: null, required: true, evidence: "none", version: 1, items: { done: 0, total: 1 } });
    const listed = await call(listRoute, { token, path: `/api/v1/checklist-templates?campaign=${campaignId}&category=campaign` });
    expect(listed.json.data.map((t: { id: string }) => t.id)).toContain(ok.json.id);
    const unknown = await call(listRoute, { token, path: "/api/v1/checklist-templates?category=mainframe" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.fields.category).toMatch(/must be one of/);
  });
});

describe("changing a template", () => {
  it("rewords and reorders against its version; a stale change gets 409 with the current template", async () => {
    const token = await makeToken(admin);
    const category = "microsoft_email";
    const a = await addTemplate(admin, campaignId, { category, title: "Identify the client" });
    const b = await addTemplate(admin, campaignId, { category, title: "Enable TLS 1.1" });
    const reworded = await call(patchRoute, { method: "PATCH", token, params: { id: b.id }, body: { version: 1, title: "Enable TLS 1.1 and 1.2", guidance: "SchUseStrongCrypto", position: 1 } });
    expect(reworded.status).toBe(200);
    expect(reworded.json).toMatchObject({ title: "Enable TLS 1.1 and 1.2", guidance: "SchUseStrongCrypto", position: 1, version: 2 });
    expect((await listTemplates(admin, { campaign: campaignId, category })).data.map((t) => t.id)).toEqual([b.id, a.id]);
    const stale = await call(patchRoute, { method: "PATCH", token, params: { id: b.id }, body: { version: 1, title: "Mine" } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.current).toMatchObject({ id: b.id, title: "Enable TLS 1.1 and 1.2", version: 2 });
    const missing = await call(patchRoute, { method: "PATCH", token, params: { id: crypto.randomUUID() }, body: { version: 1, title: "Whatever" } });
    expect(missing.status).toBe(404);
    const noVersion = await call(patchRoute, { method: "PATCH", token, params: { id: b.id }, body: { title: "Whatever" } });
    expect(noVersion.json.error.fields).toEqual({ version: "is required" });
  });

  it("retires it: gone from checklists and progress, its ticks kept in the item's and the integration's history", async () => {
    const owner = await makeUser();
    const row = await makeIntegration({ category: "email_relay", ownerId: owner.id });
    const kept = await addTemplate(admin, campaignId, { category: "email_relay", title: unique("Enable STARTTLS") });
    const retiring = await addTemplate(admin, campaignId, { category: "email_relay", title: unique("Old step") });
    const item = await itemOf(retiring.id, row.id);
    await tickItem(owner, item.id, { done: true, note: "done in January", version: 1 });
    expect((await getIntegrationChecklist(admin, row.id, campaignId)).progress).toMatchObject({ done: 1, total: 2 });

    const retired = await updateTemplate(admin, retiring.id, { version: retiring.version, retired: true });
    expect(retired.retiredAt).toBeInstanceOf(Date);
    const after = await getIntegrationChecklist(admin, row.id, campaignId);
    expect(after.data.map((i) => i.title)).toEqual([kept.title]);
    expect(after.progress).toEqual({ done: 0, required: 1, total: 1 });
    expect(await db.checklistItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ done: true, doneById: owner.id, note: "done in January" });
    expect(await db.checklistTick.findMany({ where: { itemId: item.id } })).toMatchObject([{ done: true, title: retiring.title, byId: owner.id, source: "person" }]);
    const history = await db.auditLog.findMany({ where: { entityType: "integration", entityId: row.id, action: "checklist.tick" } });
    expect(history.map((h) => h.summary)).toEqual([`Ticked “${retiring.title}”: done in January`]);
    expect((await db.auditLog.findFirstOrThrow({ where: { entityId: retiring.id, action: "checklist_template.retire" } })).summary).toMatch(/its 1 ticks are kept/);

    await expect(updateTemplate(admin, retiring.id, { version: retired.version, title: "Back again" })).rejects.toMatchObject({ status: 409 });
    await expect(tickItem(owner, item.id, { done: false, version: 2 })).rejects.toMatchObject({ status: 409, current: { id: item.id, done: true } });
    // A new integration of the category does not get the retired item.
    const later = await makeIntegration({ category: "email_relay" });
    await createIntegration(admin, createIntegrationInput.parse({ name: unique("Relay"), category: "email_relay" }));
    expect(await db.checklistItem.count({ where: { templateId: retiring.id, integrationId: later.id } })).toBe(0);
  });
});

describe("changing an integration's category", () => {
  it("brings the new category's items and keeps the old ones' ticks for when it comes back", async () => {
    const api = await addTemplate(admin, campaignId, { category: "api", title: unique("Identify the runtime") });
    const browser = await addTemplate(admin, campaignId, { category: "browser", title: unique("Upgrade the browsers") });
    const row = await createIntegration(admin, createIntegrationInput.parse({ name: unique("Kiosk"), category: "api" }));
    const apiItem = await itemOf(api.id, row.id);
    await tickItem(admin, apiItem.id, { done: true, version: 1 });
    const moved = await updateIntegration(admin, row.id, { version: 2, category: "browser" });
    expect(await titles(row.id)).toContain(browser.title);
    expect(await titles(row.id)).not.toContain(api.title);
    await updateIntegration(admin, row.id, { version: moved.version, category: "api" });
    const back = (await getIntegrationChecklist(admin, row.id, campaignId)).data.find((i) => i.id === apiItem.id);
    expect(back).toMatchObject({ done: true, doneBy: { id: admin.id } });
  });
});

describe("a new campaign", () => {
  it("can start with a copy of another campaign's checklists, instantiated for every integration", async () => {
    const row = await makeIntegration({ category: "outbound_callout" });
    const source = await makeCampaign();
    await addTemplate(admin, source.id, { category: "outbound_callout", title: "Enable TLS 1.2" });
    await addTemplate(admin, source.id, { category: "outbound_callout", title: "A probe shows it", automatic: "probe_meets_floor" });
    const gone = await addTemplate(admin, source.id, { category: "outbound_callout", title: "Retired one" });
    await updateTemplate(admin, gone.id, { version: 1, retired: true });
    await addTemplate(admin, source.id, { category: null, title: "Tell the users" });
    const created = await createCampaign(admin, {
      name: unique("TLS 1.2 floor"),
      description: "",
      floor: "TLSv1.2",
      milestones: [{ name: "Cutoff", dueAt: new Date("2018-06-30T00:00:00Z") }],
      makeActive: false,
      copyChecklistsFrom: source.id,
    });
    expect(await titles(row.id, created.id)).toEqual(["Enable TLS 1.2", "A probe shows it"]);
    const own = await db.checklistItem.findMany({ where: { campaignId: created.id, integrationId: null }, include: { template: true } });
    expect(own.map((i) => i.template.title)).toEqual(["Tell the users"]);
    await expect(
      createCampaign(admin, { name: unique("x"), description: "", floor: "TLSv1.2", milestones: [{ name: "Cutoff", dueAt: new Date() }], makeActive: false, copyChecklistsFrom: crypto.randomUUID() }),
    ).rejects.toMatchObject({ status: 422, fields: { copyChecklistsFrom: "is not a campaign" } });
  });
});

describe("the default checklists", () => {
  it("cover every impact area and the campaign itself, for every integration, once", async () => {
    const campaign = await makeCampaign();
    const row = await makeIntegration({ category: "api" });
    const created = await ensureDefaultChecklists(campaign.id, new Date("2016-05-03T10:15:00Z"));
    const expected = DEFAULT_CAMPAIGN_ITEMS.length + CATEGORIES.reduce((n, c) => n + DEFAULT_TEMPLATES[c].length, 0);
    expect(created).toBe(expected);
    expect(await ensureDefaultChecklists(campaign.id, new Date())).toBe(0);
    const items = (await getIntegrationChecklist(admin, row.id, campaign.id)).data;
    expect(items.map((i) => i.title)).toEqual(DEFAULT_TEMPLATES.api.map((t) => t.title));
    expect(items.find((i) => i.title === "Apply the change for that runtime")?.guidance).toContain("-Dhttps.protocols=TLSv1.1,TLSv1.2");
    expect(items.at(-1)).toMatchObject({ verification: true, evidence: "link", done: false });
    expect(await db.checklistItem.count({ where: { campaignId: campaign.id, integrationId: null } })).toBe(DEFAULT_CAMPAIGN_ITEMS.length);
  });
});
