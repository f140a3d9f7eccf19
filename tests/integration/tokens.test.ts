import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { actorFromToken, createToken, listTokens, revokeToken } from "@/lib/auth/tokens";
import { resetCredential, updateUser } from "@/lib/users/service";
import { changeOwnPassword } from "@/lib/users/profile";
import { GET as listUsersRoute } from "@/app/api/v1/users/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { GET as tokensRoute, POST as createTokenRoute } from "@/app/api/v1/tokens/route";
import { DELETE as revokeRoute } from "@/app/api/v1/tokens/[id]/route";
import { call } from "../support/api";
import { TEST_PASSWORD, makeUser } from "../support/factories";

// Requests without a bearer token act as this browser session (Next's request scope is absent here).
let session: Actor | null = null;
vi.mock("@/lib/auth/session", () => ({ sessionActor: async () => session }));

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

  it("are managed through the API from a browser session: create (secret in the reply only), list, revoke", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    session = admin;
    const created = await call(createTokenRoute, { method: "POST", body: { name: "ci", expiresInDays: 30 } });
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^trb_/);
    const listed = await call(tokensRoute, {});
    expect(JSON.stringify(listed.json)).not.toContain(created.json.secret);
    const revoked = await call(revokeRoute, { method: "DELETE", params: { id: created.json.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).toBeTruthy();
    expect((await call(meRoute, { token: created.json.secret })).status).toBe(401);
    session = null;
  });

  it("cannot manage tokens themselves, so a leaked token cannot mint more", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { token, secret } = await createToken(admin, { name: "automation" });
    for (const res of [
      await call(createTokenRoute, { method: "POST", token: secret, body: { name: "another" } }),
      await call(tokensRoute, { token: secret }),
      await call(revokeRoute, { method: "DELETE", token: secret, params: { id: token.id } }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.error.message).toMatch(/API tokens cannot manage API tokens/);
    }
    expect(await db.apiToken.count({ where: { userId: admin.id } })).toBe(1);
    // Everything else the admin may do still works through it.
    expect((await call(listUsersRoute, { token: secret })).status).toBe(200);
    expect((await call(meRoute, { token: secret })).json.permissions).not.toContain("tokens.manage");
  });

  it("reject bad input with the field named", async () => {
    session = await makeUser({ role: "ADMIN" });
    const res = await call(createTokenRoute, { method: "POST", body: { name: "", expiresInDays: -3 } });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toMatchObject({ name: "is required", expiresInDays: "must be at least 1 day" });
    const malformed = await call(createTokenRoute, { method: "POST", body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("bad_request");
    session = null;
  });

  it("reject a malformed Authorization header", async () => {
    const res = await call(listUsersRoute, { headers: { authorization: "Token abc" } });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/Bearer/);
  });
});

describe("credential events and API tokens", () => {
  async function adminWithToken() {
    const owner = await makeUser({ role: "ADMIN" });
    const { secret } = await createToken(owner, { name: "nightly" });
    expect(await actorFromToken(secret)).not.toBeNull();
    return { owner, secret };
  }

  it("an admin's credential reset revokes the user's tokens, with an audit entry", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { owner, secret } = await adminWithToken();
    await resetCredential(admin, owner.id, "password");
    expect(await actorFromToken(secret)).toBeNull();
    expect((await call(meRoute, { token: secret })).status).toBe(401);
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: owner.id, action: "token.revoke_all" } });
    expect(entry).toMatchObject({ actorId: admin.id, summary: expect.stringContaining("an admin issued a new credential") });
  });

  it("disabling revokes them, and re-enabling does not bring them back", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { owner, secret } = await adminWithToken();
    const disabled = await updateUser(admin, { id: owner.id, version: owner.version, disabled: true });
    expect(await db.apiToken.count({ where: { userId: owner.id, revokedAt: null } })).toBe(0);
    await updateUser(admin, { id: owner.id, version: disabled.version, disabled: false });
    expect(await actorFromToken(secret)).toBeNull();
    expect((await call(meRoute, { token: secret })).status).toBe(401);
  });

  it("changing one's own password revokes one's tokens", async () => {
    const { owner, secret } = await adminWithToken();
    await changeOwnPassword(owner, { current: TEST_PASSWORD, password: "a-whole-new-password" }, null);
    expect(await actorFromToken(secret)).toBeNull();
  });

  it("a token of an account that must still choose its own password is refused everything", async () => {
    const { owner, secret } = await adminWithToken();
    await db.user.update({ where: { id: owner.id }, data: { mustChangePassword: true } });
    for (const res of [await call(listUsersRoute, { token: secret }), await call(meRoute, { token: secret })]) {
      expect(res.status).toBe(403);
      expect(res.json.error.message).toMatch(/one-time password and has not chosen its own yet/);
    }
    await db.user.update({ where: { id: owner.id }, data: { mustChangePassword: false } });
    expect((await call(listUsersRoute, { token: secret })).status).toBe(200);
  });
});
