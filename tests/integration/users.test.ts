import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, updateUser, resetCredential } from "@/lib/users/service";
import { acceptInvite, changeOwnPassword, findInvite } from "@/lib/users/profile";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { TEST_PASSWORD, makeUser, unique } from "../support/factories";

async function onlyAdmin() {
  // Each file has its own database; demote every other admin so `admin` is the last one.
  const admin = await makeUser({ role: "ADMIN" });
  await db.user.updateMany({ where: { role: "ADMIN", id: { not: admin.id } }, data: { role: "MEMBER" } });
  return admin;
}

describe("user administration", () => {
  it("creates a user with a one-time password they must replace", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const email = `${unique("new")}@Example.test`;
    const created = await createUser(admin, { email: email.toLowerCase(), name: "New Person", role: "MEMBER", credential: "password" });
    expect(created.oneTimePassword).toMatch(/^[A-Za-z0-9]{15}$/);
    expect(created.user.mustChangePassword).toBe(true);
    const signedIn = await signInWithPassword(email, created.oneTimePassword!, null);
    expect(signedIn.ok).toBe(true);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: created.user.id, action: "user.create" } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(created.oneTimePassword!);
    expect(audit.actorId).toBe(admin.id);
  });

  it("creates a user with an invitation link that works once", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const created = await createUser(admin, { email: `${unique("inv")}@example.test`, name: "Invited", role: "MANAGER", credential: "invite" });
    expect(await findInvite(created.inviteToken!)).toMatchObject({ email: created.user.email });
    await acceptInvite(created.inviteToken!, "a-brand-new-password");
    expect(await signInWithPassword(created.user.email, "a-brand-new-password", null)).toMatchObject({ ok: true });
    await expect(acceptInvite(created.inviteToken!, "another-password-1")).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses a duplicate email with a 409 naming the field", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const existing = await makeUser();
    const err = await createUser(admin, { email: existing.email, name: "Dup", role: "MEMBER", credential: "invite" }).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.fields).toEqual({ email: "is already used by another user" });
  });

  it("changes roles and disables accounts, ending their sessions", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const member = await makeUser();
    const promoted = await updateUser(admin, { id: member.id, version: member.version, role: "MANAGER" });
    expect(promoted.role).toBe("MANAGER");
    const disabled = await updateUser(admin, { id: member.id, version: promoted.version, disabled: true });
    expect(disabled.disabled).toBe(true);
    const row = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(row.sessionVersion).toBe(1);
    const entries = await db.auditLog.findMany({ where: { entityId: member.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.summary)).toEqual([expect.stringContaining("role member → manager"), expect.stringContaining("disabled")]);
  });

  it("refuses a stale edit with 409 and the current values", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const member = await makeUser();
    await updateUser(admin, { id: member.id, version: member.version, name: "First edit" });
    const err = await updateUser(admin, { id: member.id, version: member.version, name: "Second edit" }).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.current).toMatchObject({ name: "First edit", version: member.version + 1 });
  });

  it("never removes the last active admin, by demotion or by disabling", async () => {
    const admin = await onlyAdmin();
    await expect(updateUser(admin, { id: admin.id, version: admin.version, role: "MEMBER" })).rejects.toThrow(/last active admin/);
    await expect(updateUser(admin, { id: admin.id, version: admin.version, disabled: true })).rejects.toThrow(/last active admin/);
    const other = await makeUser({ role: "ADMIN" });
    const demoted = await updateUser(admin, { id: admin.id, version: admin.version, role: "MEMBER" });
    expect(demoted.role).toBe("MEMBER");
    await expect(updateUser(other, { id: other.id, version: other.version, disabled: true })).rejects.toThrow(/last active admin/);
  });

  it("keeps one admin when two admins demote each other at the same moment", async () => {
    const a = await onlyAdmin();
    const b = await makeUser({ role: "ADMIN" });
    const results = await Promise.allSettled([
      updateUser(a, { id: b.id, version: b.version, role: "MEMBER" }),
      updateUser(b, { id: a.id, version: a.version, role: "MEMBER" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "ADMIN", disabled: false } })).toBe(1);
  });

  it("is for admins only, checked in the domain as well as at the door", async () => {
    const manager = await makeUser({ role: "MANAGER" });
    const member = await makeUser();
    await expect(createUser(manager, { email: `${unique("x")}@example.test`, name: "X", role: "ADMIN", credential: "invite" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateUser(member, { id: member.id, version: member.version, role: "ADMIN" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("issues a fresh link that replaces the old password", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const member = await makeUser();
    const reset = await resetCredential(admin, member.id, "invite");
    expect(await signInWithPassword(member.email, TEST_PASSWORD, null)).toMatchObject({ ok: false });
    await acceptInvite(reset.inviteToken!, "fresh-password-123");
    expect(await signInWithPassword(member.email, "fresh-password-123", null)).toMatchObject({ ok: true });
  });

  it("lets people change their own password, checking the current one", async () => {
    const member = await makeUser();
    await expect(changeOwnPassword(member, { current: "wrong", password: "new-password-456" }, null)).rejects.toMatchObject({
      fields: { current: "is not your current password" },
    });
    const version = await changeOwnPassword(member, { current: TEST_PASSWORD, password: "new-password-456" }, null);
    expect(version).toBe(1);
    expect(await signInWithPassword(member.email, "new-password-456", null)).toMatchObject({ ok: true });
  });

  it("throttles guesses of the current password as it throttles sign-ins (8 from one address)", async () => {
    const member = await makeUser();
    const address = "198.51.100.9";
    for (let i = 0; i < 8; i++) {
      await expect(changeOwnPassword(member, { current: `wrong-${i}`, password: "new-password-456" }, address)).rejects.toMatchObject({ status: 422 });
    }
    await expect(changeOwnPassword(member, { current: TEST_PASSWORD, password: "new-password-456" }, address)).rejects.toMatchObject({
      status: 429,
      message: "Too many failed sign-ins. Try again in 15 minutes.",
    });
    // The same counts as signing in: guessing here is guessing a sign-in.
    expect(await signInWithPassword(member.email, TEST_PASSWORD, address)).toMatchObject({ ok: false, code: "throttled" });
  }, 60_000);
});
