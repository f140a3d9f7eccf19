import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listAudit } from "@/lib/audit/query";
import { updateUser } from "@/lib/users/service";
import { GET as auditRoute } from "@/app/api/v1/audit/route";
import { call } from "../support/api";
import { makeToken, makeUser } from "../support/factories";

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
});
