import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listAudit } from "@/lib/audit/query";
import { updateUser } from "@/lib/users/service";
import { updateIntegration } from "@/lib/integrations/service";
import { setOverride } from "@/lib/readiness/override";
import { applyBulk } from "@/lib/integrations/bulk";
import { GET as auditRoute } from "@/app/api/v1/audit/route";
import { POST as createRoute } from "@/app/api/v1/integrations/route";
import { POST as importRoute } from "@/app/api/v1/integrations/import/route";
import { call } from "../support/api";
import { makeToken, makeUser, unique } from "../support/factories";

describe("audit log", () => {
  it("is append-only in the database itself", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const member = await makeUser();
    await updateUser(admin, { id: member.id, version: member.version, name: "Renamed" });
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: member.id } });
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { summary: "forged" } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    expect((await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).summary).toContain("Renamed");
  });

  it("filters by actor and entity, newest first, with before and after", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const other = await makeUser({ role: "ADMIN" });
    const member = await makeUser();
    const v2 = await updateUser(admin, { id: member.id, version: member.version, role: "MANAGER" });
    await updateUser(other, { id: member.id, version: v2.version, role: "MEMBER" });
    const byAdmin = await listAudit(admin, { actor: admin.id, page: 1, pageSize: 50 });
    expect(byAdmin.data.map((e) => e.actorLabel)).toEqual([admin.email]);
    expect(byAdmin.data[0]).toMatchObject({ before: { role: "MEMBER" }, after: { role: "MANAGER" } });
    const forMember = await listAudit(admin, { entityType: "user", entityId: member.id, page: 1, pageSize: 50 });
    expect(forMember.data.map((e) => e.actorLabel)).toEqual([other.email, admin.email]);
    const token = await makeToken(admin);
    const res = await call(auditRoute, { token, path: `/api/v1/audit?entityId=${member.id}&pageSize=1` });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: 1, pageSize: 1, total: 2 });
    const bad = await call(auditRoute, { token, path: "/api/v1/audit?pageSize=5000&actor=nobody" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["actor", "pageSize"]);
  });

  it("never stores secrets", async () => {
    const entries = await db.auditLog.findMany({});
    for (const e of entries) expect(JSON.stringify({ ...e, id: String(e.id) })).not.toMatch(/passwordHash|tokenHash|\$argon2/);
  });

  it("has an entry, with who, before and after, for every kind of change to an integration", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const owner = await makeUser();
    const token = await makeToken(admin);
    const name = unique("audited");
    // Each step must add exactly the entries named, by the admin.
    let seen = 0;
    const expectNew = async (id: string, expected: { action: string; before?: object; after?: object; summary?: RegExp }[]) => {
      const entries = await db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: "asc" } });
      const fresh = entries.slice(seen);
      seen = entries.length;
      expect(fresh.map((e) => e.action)).toEqual(expected.map((e) => e.action));
      fresh.forEach((entry, i) => {
        expect(entry.actorId).toBe(admin.id);
        if (expected[i].before) expect(entry.before).toMatchObject(expected[i].before!);
        if (expected[i].after) expect(entry.after).toMatchObject(expected[i].after!);
        if (expected[i].summary) expect(entry.summary).toMatch(expected[i].summary!);
      });
    };

    const created = await call(createRoute, { method: "POST", token, body: { name, category: "api", notes: "first" } });
    const id = created.json.id as string;
    await expectNew(id, [{ action: "integration.create", after: { name, notes: "first" } }]);

    await updateIntegration(admin, id, { version: 1, notes: "edited" });
    await expectNew(id, [{ action: "integration.update", before: { notes: "first" }, after: { notes: "edited" } }]);

    await setOverride(admin, id, { ready: true, reason: "Vendor confirmed TLS 1.2 in writing", version: 2 });
    await expectNew(id, [{ action: "integration.override", before: { overrideReady: false }, after: { overrideReady: true, overrideReason: "Vendor confirmed TLS 1.2 in writing" } }]);

    await setOverride(admin, id, { ready: false, reason: "", version: 3 });
    await expectNew(id, [{ action: "integration.override_cleared", before: { overrideReady: true }, after: { overrideReady: false } }]);

    const imported = await call(importRoute, { method: "POST", token, path: "/api/v1/integrations/import", body: `id,name,category,status\n${id},${name},api,blocked\n`, headers: { "content-type": "text/csv" } });
    expect(imported.json).toMatchObject({ committed: true, updated: 1 });
    await expectNew(id, [{ action: "integration.update", before: { status: "not_started" }, after: { status: "blocked" }, summary: /CSV import, line 2/ }]);

    await applyBulk(admin, { action: "set_status", ids: [id], status: "in_progress" });
    await expectNew(id, [{ action: "integration.update", before: { status: "blocked" }, after: { status: "in_progress" }, summary: /\(bulk\)/ }]);

    await applyBulk(admin, { action: "set_owner", ids: [id], ownerId: owner.id });
    await expectNew(id, [{ action: "integration.update", before: { ownerId: null }, after: { ownerId: owner.id }, summary: /\(bulk\)/ }]);

    await applyBulk(admin, { action: "delete", ids: [id] });
    await expectNew(id, [{ action: "integration.delete", before: { name }, summary: /Deleted .* \(bulk\)/ }]);
  });

  it("has an entry for an integration created by a CSV import", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const name = unique("imported");
    await call(importRoute, { method: "POST", token: await makeToken(admin), path: "/api/v1/integrations/import", body: `name,category\n${name},browser\n`, headers: { "content-type": "text/csv" } });
    const row = await db.integration.findFirstOrThrow({ where: { name } });
    const entries = await db.auditLog.findMany({ where: { entityId: row.id } });
    expect(entries.map((e) => [e.action, e.actorId, e.summary])).toEqual([["integration.create", admin.id, `Added ${name} (CSV import, line 2)`]]);
  });
});
