// Every server action, called as every role: what each role may do is the matrix written out by
// hand in tests/support/permission-matrix.ts, not the app's own table. The session lookup is
// replaced by a chosen actor (server actions read it from Next's request scope, absent here).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ROLES, type Actor, type Permission, type Role } from "@/lib/auth/permissions";
import { makeUser } from "../support/factories";
import { EXPECTED_PERMISSIONS } from "../support/permission-matrix";
import { actionFiles } from "../support/routes";

let current: Actor | null = null;
vi.mock("@/lib/auth/session", () => ({ sessionActor: async () => current }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actors = {} as Record<Role, Actor>;
beforeAll(async () => {
  for (const role of ROLES) actors[role] = await makeUser({ role });
});

/** "app/(dashboard)/…/actions.ts" or "lib/actions/…". */
const actionLabel = (file: string) => file.replace(/^.*?\/(app|lib)\//, "$1/");

type Action = ((raw: unknown) => Promise<{ ok: boolean; error?: { status: number } }>) & { permission?: Permission };

describe("every server action checks the permission table", () => {
  for (const file of actionFiles()) {
    it(actionLabel(file), async () => {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, Action>;
      for (const [name, action] of Object.entries(mod)) {
        // The invitation action is the one signed-out entry point: its token is the credential.
        if (name === "acceptInviteAction") continue;
        expect(action.permission, `${name} must be built with serverAction()`).toBeDefined();
        current = null;
        expect((await action({ id: randomUUID() })).error?.status, `${name} signed out`).toBe(401);
        for (const role of ROLES) {
          current = actors[role];
          const result = await action({ id: randomUUID() });
          const allowed = EXPECTED_PERMISSIONS[action.permission!][role] !== "none";
          if (allowed) expect([401, 403], `${role} may call ${name}`).not.toContain(result.error?.status);
          else expect(result.error?.status, `${role} must be refused ${name}`).toBe(403);
        }
      }
    });
  }
});

describe("a session signed in with a one-time password", () => {
  for (const file of actionFiles()) {
    it(`may only choose a password: ${actionLabel(file)}`, async () => {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, Action>;
      for (const [name, action] of Object.entries(mod)) {
        if (name === "acceptInviteAction") continue;
        current = { ...actors.ADMIN, via: "session", mustChangePassword: true };
        const result = await action({ id: randomUUID() });
        if (action.permission === "profile.edit") expect([401, 403], `${name} is how they choose it`).not.toContain(result.error?.status);
        else expect(result.error?.status, `${name} must wait for a new password`).toBe(403);
      }
    });
  }
});
