import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actorFromToken, createToken, listTokens, revokeToken } from "@/lib/auth/tokens";
import { GET as listUsersRoute } from "@/app/api/v1/users/route";
import { GET as tokensRoute, POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { DELETE as revokeRoute } from "@/app/api/v1/tokens/[id]/route";
import { call } from "../support/api";
import { makeUser } from "../support/factories";

describe("API tokens", () => {
  it("are shown once, stored only as a hash, and act as their creator", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { token, secret } = await createToken(admin, { name: "nightly export" });
    expect(secret).toMatch(/^trb_[A-Za-z0-9_-]{40,}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).not.toContain(secret);
    expect(JSON.stringify(await listTokens(admin))).not.toContain(secret);
    expect(await actorFromToken(secret)).toMatchObject({ id: admin.id, role: "ADMIN", via: "token" });
    const users = await call(listUsersRoute, { token: secret });
    expect(users.status).toBe(200);
    expect(users.json.data.some((u: { id: string }) => u.id === admin.id)).toBe(true);
  });

  it("carry the creator's current role, and die with a disabled creator", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { secret } = await createToken(admin, { name: "monitor" });
    await db.user.update({ where: { id: admin.id }, data: { role: "MANAGER" } });
    expect((await call(listUsersRoute, { token: secret })).status).toBe(403);
    await db.user.update({ where: { id: admin.id }, data: { disabled: true } });
    const res = await call(listUsersRoute, { token: secret });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/unknown, revoked or expired/);
  });

  it("stop working when revoked or expired", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const a = await createToken(admin, { name: "a" });
    await revokeToken(admin, a.token.id);
    expect(await actorFromToken(a.secret)).toBeNull();
    const b = await createToken(admin, { name: "b", expiresInDays: 1 });
    await db.apiToken.update({ where: { id: b.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await actorFromToken(b.secret)).toBeNull();
  });

  it("work through the API: create (secret in the reply only), list, revoke", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { secret } = await createToken(admin, { name: "bootstrap" });
    const created = await call(createTokenRoute, { method: "POST", token: secret, body: { name: "ci", expiresInDays: 30 } });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^trb_/);
    const listed = await call(tokensRoute, { token: secret });
    expect(JSON.stringify(listed.json)).not.toContain(created.json.secret);
    const revoked = await call(revokeRoute, { method: "DELETE", token: secret, params: { id: created.json.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toBeTruthy();
    expect((await call(tokensRoute, { token: created.json.secret })).status).toBe(401);
  });

  it("reject bad input with the field named", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { secret } = await createToken(admin, { name: "x" });
    const res = await call(createTokenRoute, { method: "POST", token: secret, body: { name: "", expiresInDays: -3 } });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toMatchObject({ name: "is required", expiresInDays: "must be at least 1 day" });
    const malformed = await call(createTokenRoute, { method: "POST", token: secret, body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("bad_request");
  });

  it("reject a malformed Authorization header", async () => {
    const res = await call(listUsersRoute, { headers: { authorization: "Token abc" } });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/Bearer/);
  });
});
