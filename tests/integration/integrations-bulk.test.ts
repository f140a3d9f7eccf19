import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyBulk, bulkInput } from "@/lib/integrations/bulk";
import { ForbiddenError } from "@/lib/errors";
import { POST as bulkRoute } from "@/app/api/v1/integrations/bulk/route";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser, unique } from "../support/factories";

const input = (raw: unknown) => bulkInput.parse(raw);

describe("bulk actions", () => {
  it("change the status of selected rows, with an audit entry for each", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const a = await makeIntegration();
    const b = await makeIntegration({ status: "blocked" });
    // A selection naming an integration deleted since is refused whole, as probing it would be.
    await expect(applyBulk(admin, input({ action: "set_status", ids: [a.id, b.id, crypto.randomUUID()], status: "blocked" }))).rejects.toThrow(
      /1 of the 3 selected integrations no longer exist/,
    );
    expect((await db.integration.findUniqueOrThrow({ where: { id: a.id } })).version).toBe(1);
    const result = await applyBulk(admin, input({ action: "set_status", ids: [a.id, b.id], status: "blocked" }));
    expect(result).toEqual({ matched: 2, changed: 1 });
    expect((await db.integration.findUniqueOrThrow({ where: { id: a.id } })).version).toBe(2);
    expect(await db.auditLog.count({ where: { entityId: a.id, action: "integration.update" } })).toBe(1);
    expect(await db.auditLog.count({ where: { entityId: b.id } })).toBe(0);
  });

  it("change the owner of every row matching a filter", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const newOwner = await makeUser();
    const tag = unique("bulk");
    for (let i = 0; i < 3; i++) await makeIntegration({ name: `${tag}-${i}`, category: "browser" });
    await makeIntegration({ name: `${tag}-api`, category: "api" });
    const result = await applyBulk(admin, input({ action: "set_owner", filter: { q: tag, category: "browser" }, ownerId: newOwner.id }));
    expect(result).toMatchObject({ matched: 3, changed: 3 });
    expect(await db.integration.count({ where: { ownerId: newOwner.id } })).toBe(3);
  });

  it("delete selected rows, for admins only", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const member = await makeUser();
    const rows = [await makeIntegration({ ownerId: member.id }), await makeIntegration({ ownerId: member.id })];
    await expect(applyBulk(member, input({ action: "delete", ids: rows.map((r) => r.id) }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await applyBulk(admin, input({ action: "delete", ids: rows.map((r) => r.id) }))).toMatchObject({ changed: 2 });
    expect(await db.integration.count({ where: { id: { in: rows.map((r) => r.id) } } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: { in: rows.map((r) => r.id) }, action: "integration.delete" } })).toBe(2);
  });

  it("let a member change the status of their own rows; a selection with someone else's is refused whole", async () => {
    const member = await makeUser();
    const other = await makeUser();
    const tag = unique("own");
    const mine = await makeIntegration({ name: `${tag}-mine`, ownerId: member.id });
    const theirs = await makeIntegration({ name: `${tag}-theirs`, ownerId: other.id });
    await expect(applyBulk(member, input({ action: "set_status", ids: [mine.id, theirs.id], status: "in_progress" }))).rejects.toThrow(/1 of the selected belong to someone else/);
    expect((await db.integration.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("not_started");
    // A filter is narrowed to their own rows.
    expect(await applyBulk(member, input({ action: "set_status", filter: { q: tag }, status: "in_progress" }))).toMatchObject({ matched: 1, changed: 1 });
    expect((await db.integration.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("not_started");
    await expect(applyBulk(member, input({ action: "set_owner", ids: [mine.id], ownerId: other.id }))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("validate the request over the API", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const res = await call(bulkRoute, { method: "POST", token, body: { action: "set_status", ids: [] } });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toMatchObject({ ids: "select at least one integration", status: "is required to change the status" });
    const both = await call(bulkRoute, { method: "POST", token, body: { action: "delete", ids: [crypto.randomUUID()], filter: {} } });
    expect(both.json.error.fields.ids).toBe("send either ids or filter");
    const manager = await makeToken(await makeUser({ role: "MANAGER" }));
    expect((await call(bulkRoute, { method: "POST", token: manager, body: { action: "delete", filter: {} } })).status).toBe(403);
  });
});
