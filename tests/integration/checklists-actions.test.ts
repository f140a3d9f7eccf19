// The checklist server actions with real rows, as each role: the wrapper checks the role, the
// domain checks ownership. The session lookup is replaced by a chosen actor (server actions read
// it from Next's request scope, absent here).
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/http/action-result";
import { createChecklistTemplateAction, tickChecklistItemAction, updateChecklistTemplateAction } from "@/lib/actions/checklists";
import { makeCampaign, makeIntegration, makeUser, unique, type TestUser } from "../support/factories";
import { addTemplate, instantiate, itemOf } from "../support/checklists";

let current: Actor | null = null;
const errorOf = (r: ActionResult<unknown>) => (r.ok ? undefined : r.error);
vi.mock("@/lib/auth/session", () => ({ sessionActor: async () => current }));

let admin: TestUser, owner: TestUser, other: TestUser, manager: TestUser;
let campaignId: string;

beforeAll(async () => {
  [admin, owner, other, manager] = await Promise.all([makeUser({ role: "ADMIN" }), makeUser(), makeUser(), makeUser({ role: "MANAGER" })]);
  campaignId = (await makeCampaign()).id;
});

describe("tickChecklistItemAction", () => {
  it("lets the owner and admins tick, and refuses other members and managers", async () => {
    const template = await addTemplate(admin, campaignId, { category: "api" });
    const row = await instantiate(makeIntegration({ category: "api", ownerId: owner.id }));
    const item = await itemOf(template.id, row.id);
    const tick = (actor: Actor, version: number, done = true) => {
      current = actor;
      return tickChecklistItemAction({ id: item.id, done, version });
    };
    expect(errorOf(await tick(other, 1))).toMatchObject({ status: 403, message: "As a member you may tick checklist items only for integrations you own." });
    expect(errorOf(await tick(manager, 1))?.status).toBe(403);
    expect(await tick(owner, 1)).toMatchObject({ ok: true, data: { id: item.id, done: true, version: 2, doneBy: { id: owner.id } } });
    expect(await tick(admin, 2, false)).toMatchObject({ ok: true, data: { done: false, version: 3 } });
    const stale = await tick(owner, 2);
    expect(errorOf(stale)).toMatchObject({ status: 409, current: { id: item.id, version: 3 } });
  });
});

describe("the template actions", () => {
  it("are for admins only, and validate with field messages", async () => {
    const input = { campaignId, category: "browser", title: unique("Upgrade") };
    for (const actor of [owner, manager]) {
      current = actor;
      expect(errorOf(await createChecklistTemplateAction(input))?.status).toBe(403);
    }
    current = admin;
    const created = await createChecklistTemplateAction(input);
    expect(created).toMatchObject({ ok: true, data: { title: input.title, category: "browser", version: 1 } });
    const bad = await updateChecklistTemplateAction({ id: created.ok ? created.data.id : "", version: 1, title: "x" });
    expect(errorOf(bad)).toMatchObject({ status: 422, fields: { title: "must be at least 3 characters" } });
    current = owner;
    expect(errorOf(await updateChecklistTemplateAction({ id: created.ok ? created.data.id : "", version: 1, retired: true }))?.status).toBe(403);
  });
});
