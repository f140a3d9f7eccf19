// Ticking against a real Postgres: who may tick what, evidence, version conflicts (with the
// overlap forced by a held row lock), status following the work, history and audit.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { tickItem } from "@/lib/checklists/tick";
import { PATCH as tickRoute } from "@/app/api/v1/checklist-items/[id]/route";
import { call } from "../support/api";
import { makeCampaign, makeIntegration, makeToken, makeUser, unique, type TestUser } from "../support/factories";
import { addTemplate, holdRowLock, itemOf } from "../support/checklists";

let admin: TestUser;
let owner: TestUser;
let campaignId: string;
let tokens: { admin: string; owner: string; otherMember: string; manager: string };

beforeAll(async () => {
  admin = await makeUser({ role: "ADMIN" });
  owner = await makeUser();
  campaignId = (await makeCampaign()).id;
  tokens = {
    admin: await makeToken(admin),
    owner: await makeToken(owner),
    otherMember: await makeToken(await makeUser()),
    manager: await makeToken(await makeUser({ role: "MANAGER" })),
  };
});

/** A fresh api integration owned by `owner`, with one item per template asked for. */
async function setup(templates: Parameters<typeof addTemplate>[2][] = [{ category: "api" }], status: "not_started" | "blocked" = "not_started") {
  const row = await makeIntegration({ category: "api", ownerId: owner.id, status });
  const items = [];
  for (const t of templates) items.push(await itemOf((await addTemplate(admin, campaignId, { ...t, category: "api", title: unique("Step") })).id, row.id));
  return { row, items };
}

const patch = (token: string, id: string, body: unknown) => call(tickRoute, { method: "PATCH", token, params: { id }, body });

describe("ticking an item", () => {
  it("records who and when, with the note, in the item's history, the audit log and the integration's history", async () => {
    const { row, items } = await setup();
    const res = await patch(tokens.owner, items[0].id, { done: true, note: "JVM flag added", version: 1 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: items[0].id, done: true, doneBy: { id: owner.id, name: owner.name }, note: "JVM flag added", evidenceUrl: null, version: 2 });
    expect(Object.keys(res.json).sort()).toEqual(["automatic", "done", "doneAt", "doneBy", "evidence", "evidenceUrl", "guidance", "id", "note", "required", "tickedBy", "title", "verification", "version"]);
    const untick = await patch(tokens.owner, items[0].id, { done: false, note: "flag was reverted", version: 2 });
    expect(untick.json).toMatchObject({ done: false, doneAt: null, doneBy: null, note: "flag was reverted", version: 3 });
    const ticks = await db.checklistTick.findMany({ where: { itemId: items[0].id }, orderBy: { id: "asc" } });
    expect(ticks).toMatchObject([
      { done: true, byId: owner.id, note: "JVM flag added", source: "person", integrationId: row.id },
      { done: false, byId: owner.id, note: "flag was reverted", source: "person" },
    ]);
    const audit = await db.auditLog.findMany({ where: { entityType: "integration", entityId: row.id, action: { startsWith: "checklist." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["checklist.tick", owner.email],
      ["checklist.untick", owner.email],
    ]);
    expect(audit[1].summary).toMatch(/^Unticked “.+”: flag was reverted$/);
  });

  it("lets owners tick what they own and admins anything; other members and managers get 403", async () => {
    const { items } = await setup();
    expect((await patch(tokens.otherMember, items[0].id, { done: true, version: 1 })).json.error).toMatchObject({
      code: "forbidden",
      message: "As a member you may tick checklist items only for integrations you own.",
    });
    expect((await patch(tokens.manager, items[0].id, { done: true, version: 1 })).status).toBe(403);
    expect((await patch(tokens.admin, items[0].id, { done: true, version: 1 })).status).toBe(200);
    expect((await patch(tokens.owner, items[0].id, { done: false, version: 2 })).status).toBe(200);
    expect((await patch(tokens.owner, crypto.randomUUID(), { done: true, version: 1 })).status).toBe(404);
    expect(await db.checklistTick.count({ where: { itemId: items[0].id } })).toBe(2);
  });

  it("keeps the campaign's own checklist to admins", async () => {
    const own = await addTemplate(admin, campaignId, { category: null, title: unique("Communicate the cutoff") });
    const item = await itemOf(own.id, null);
    expect((await patch(tokens.owner, item.id, { done: true, version: 1 })).status).toBe(403);
    expect((await patch(tokens.manager, item.id, { done: true, version: 1 })).status).toBe(403);
    expect((await patch(tokens.admin, item.id, { done: true, version: 1 })).json).toMatchObject({ done: true, doneBy: { id: admin.id } });
    expect(await db.auditLog.count({ where: { entityType: "campaign", entityId: campaignId, action: "checklist.tick" } })).toBe(1);
  });

  it("refuses a verification item without the evidence it needs: 422 naming the field, nothing saved", async () => {
    const { items } = await setup([
      { category: "api", verification: true, evidence: "link" },
      { category: "api", verification: true, evidence: "note" },
    ]);
    const noLink = await patch(tokens.owner, items[0].id, { done: true, note: "looked at it", version: 1 });
    expect(noLink.status).toBe(422);
    expect(noLink.json.error.fields).toEqual({ evidenceUrl: "is required: link to the evidence for this verification item" });
    const badLink = await patch(tokens.owner, items[0].id, { done: true, evidenceUrl: "javascript:alert(1)", version: 1 });
    expect(badLink.json.error.fields).toEqual({ evidenceUrl: "must be a web address starting with https:// or http://" });
    expect((await patch(tokens.owner, items[1].id, { done: true, note: "  ", version: 1 })).json.error.fields).toEqual({ note: "is required: say how this was verified" });
    expect((await patch(tokens.owner, items[0].id, { version: 1 })).json.error.fields).toEqual({ done: "must be true (tick) or false (untick)" });
    expect(await db.checklistItem.count({ where: { id: { in: items.map((i) => i.id) }, OR: [{ done: true }, { version: { gt: 1 } }] } })).toBe(0);
    expect(await db.checklistTick.count({ where: { itemId: { in: items.map((i) => i.id) } } })).toBe(0);
    const ok = await patch(tokens.owner, items[0].id, { done: true, evidenceUrl: "https://example.my.salesforce.com/00O5000000Login", version: 1 });
    expect(ok.json).toMatchObject({ done: true, evidenceUrl: "https://example.my.salesforce.com/00O5000000Login" });
  });

  it("leaves automatic items to their probe", async () => {
    const row = await makeIntegration({ category: "outbound_callout", ownerId: owner.id, endpointHost: "sso.example.com" });
    const template = await addTemplate(admin, campaignId, { category: "outbound_callout", title: unique("A probe shows it"), automatic: "probe_meets_floor" });
    const item = await itemOf(template.id, row.id);
    const res = await patch(tokens.admin, item.id, { done: true, version: 1 });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toEqual({ done: "is set by a probe of the endpoint, not by hand" });
  });
});

describe("two people at once", () => {
  it("a stale tick gets 409 with the current item", async () => {
    const { items } = await setup();
    await patch(tokens.admin, items[0].id, { done: true, note: "admin did it", version: 1 });
    const stale = await patch(tokens.owner, items[0].id, { done: true, note: "I did it", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.current).toMatchObject({ id: items[0].id, done: true, note: "admin did it", doneBy: { id: admin.id }, version: 2 });
  });

  it("of two ticks of the same item made from the same version, exactly one lands, every time", async () => {
    for (let round = 0; round < 3; round++) {
      const { items } = await setup();
      const lock = await holdRowLock("checklist_items", items[0].id);
      const both = Promise.allSettled([
        tickItem(owner, items[0].id, { done: true, note: "owner", version: 1 }),
        tickItem(admin, items[0].id, { done: true, note: "admin", version: 1 }),
      ]);
      // Both have read version 1 and wait on the row: the overlap is certain, not a matter of timing.
      await lock.waitForBlocked(2).finally(() => lock.release());
      const results = await both;
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
      expect(refused).toMatchObject({ status: 409, current: { id: items[0].id, done: true, version: 2 } });
      expect(await db.checklistTick.count({ where: { itemId: items[0].id } })).toBe(1);
    }
  });

  it("ticks of different items both land, and the status moves once", async () => {
    const { row, items } = await setup([{ category: "api" }, { category: "api" }]);
    const lock = await holdRowLock("integrations", row.id);
    const both = Promise.allSettled([
      tickItem(owner, items[0].id, { done: true, version: 1 }),
      tickItem(admin, items[1].id, { done: true, version: 1 }),
    ]);
    // Both items are written; both transactions now wait to move the integration's status.
    await lock.waitForBlocked(2).finally(() => lock.release());
    expect((await both).map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await db.checklistItem.count({ where: { id: { in: items.map((i) => i.id) }, done: true } })).toBe(2);
    const moved = await db.auditLog.findMany({ where: { entityId: row.id, action: "integration.update" } });
    expect(moved).toHaveLength(1);
    expect(await db.integration.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "in_progress", version: 2 });
  });
});

describe("status follows the work", () => {
  it("the first tick moves not started to in progress, recorded like any change", async () => {
    const { row, items } = await setup([{ category: "api" }, { category: "api" }]);
    await tickItem(owner, items[0].id, { done: true, version: 1 });
    expect(await db.integration.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "in_progress", version: 2 });
    const change = await db.auditLog.findFirstOrThrow({ where: { entityId: row.id, action: "integration.update" } });
    expect(change).toMatchObject({ actorLabel: owner.email, before: { status: "not_started" }, after: { status: "in_progress" } });
    await tickItem(owner, items[1].id, { done: true, version: 1 });
    await tickItem(owner, items[0].id, { done: false, version: 2 });
    expect(await db.auditLog.count({ where: { entityId: row.id, action: "integration.update" } })).toBe(1);
    expect((await db.integration.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("in_progress");
  });

  it("leaves blocked as someone set it", async () => {
    const { row, items } = await setup([{ category: "api" }], "blocked");
    await tickItem(owner, items[0].id, { done: true, version: 1 });
    expect(await db.integration.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "blocked", version: 1 });
  });
});
