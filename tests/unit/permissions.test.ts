import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, SESSION_ONLY, assertCan, can, canAny, mustChangePasswordFirst, ownerScope, type Permission } from "@/lib/auth/permissions";
import { navigationFor } from "@/lib/navigation";
import { ForbiddenError } from "@/lib/errors";
import { EXPECTED_PERMISSIONS, EXPECTED_SESSION_ONLY } from "../support/permission-matrix";

const admin = { id: "a", role: "ADMIN" as const };
const manager = { id: "m", role: "MANAGER" as const };
const member = { id: "u", role: "MEMBER" as const };

describe("the permissions table", () => {
  it("is exactly the role x permission matrix written out by hand", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED_PERMISSIONS).sort());
    for (const permission of Object.keys(EXPECTED_PERMISSIONS) as Permission[]) {
      for (const role of ROLES) expect(PERMISSIONS[permission][role], `${role} ${permission}`).toBe(EXPECTED_PERMISSIONS[permission][role]);
    }
    expect([...SESSION_ONLY].sort()).toEqual([...EXPECTED_SESSION_ONLY].sort());
  });

  it("refuses session-only permissions through an API token, whatever the role", () => {
    expect(canAny({ ...admin, via: "session" }, "tokens.manage")).toBe(true);
    expect(canAny({ ...admin, via: "token" }, "tokens.manage")).toBe(false);
    expect(() => assertCan({ ...admin, via: "token" }, "tokens.manage")).toThrow(/API tokens cannot manage API tokens/);
    expect(canAny({ ...admin, via: "token" }, "users.manage")).toBe(true);
  });

  it("gives admins everything", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can(admin, p, { ownerId: "someone" })).toBe(true);
  });

  it("lets managers read and export, and change nothing but their profile", () => {
    const allowed = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => canAny(manager, p)).sort();
    expect(allowed).toEqual(["campaigns.read", "checklists.read", "history.read", "integrations.export", "integrations.read", "loginHistory.read", "probes.read", "profile.edit", "users.directory"]);
  });

  it("lets members edit and probe only what they own", () => {
    expect(can(member, "integrations.edit", { ownerId: "u" })).toBe(true);
    expect(can(member, "integrations.edit", { ownerId: "someone-else" })).toBe(false);
    expect(can(member, "integrations.edit", { ownerId: null })).toBe(false);
    expect(can(member, "integrations.edit")).toBe(false);
    expect(can(member, "probes.run", { ownerId: "u" })).toBe(true);
    expect(canAny(member, "integrations.delete")).toBe(false);
    expect(canAny(member, "users.manage")).toBe(false);
    expect(ownerScope(member, "integrations.edit")).toEqual({ ownerId: "u" });
    expect(ownerScope(admin, "integrations.edit")).toEqual({});
    expect(ownerScope(manager, "integrations.edit")).toBeNull();
  });

  it("explains a refusal", () => {
    expect(() => assertCan(member, "integrations.edit", { ownerId: "x" })).toThrow(/only for integrations you own/);
    expect(() => assertCan(manager, "users.manage")).toThrow(ForbiddenError);
  });

  it("drives the navigation for each role", () => {
    const labels = (role: (typeof ROLES)[number]) => navigationFor({ role }).flatMap((s) => s.items.map((i) => i.label));
    expect(labels("ADMIN")).toEqual(expect.arrayContaining(["Users", "API tokens", "Audit log", "Inventory"]));
    expect(labels("MANAGER")).not.toContain("Users");
    expect(labels("MEMBER")).not.toContain("Audit log");
  });
});

describe("mustChangePasswordFirst", () => {
  it("holds a one-time-password session to profile.edit, refuses its tokens everything, and leaves others alone", () => {
    expect(mustChangePasswordFirst({ via: "session", mustChangePassword: true }, "integrations.read")).toBe(true);
    expect(mustChangePasswordFirst({ via: "session", mustChangePassword: true }, "profile.edit")).toBe(false);
    expect(mustChangePasswordFirst({ via: "session", mustChangePassword: false }, "integrations.read")).toBe(false);
    expect(mustChangePasswordFirst({ via: "token", mustChangePassword: true }, "integrations.read")).toBe(true);
    expect(mustChangePasswordFirst({ via: "token", mustChangePassword: true }, "profile.edit")).toBe(true);
    expect(mustChangePasswordFirst({ via: "token", mustChangePassword: false }, "integrations.read")).toBe(false);
  });
});
