// Every route handler under /api/v1, called as every role: the permission table decides.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, scopeOf, type Permission, type Role } from "@/lib/auth/permissions";
import { call } from "../support/api";
import { makeToken, makeUser } from "../support/factories";
import { HTTP_METHODS, apiRouteFiles } from "../support/routes";

const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  for (const role of ROLES) tokens[role] = await makeToken(await makeUser({ role }));
});

const routes = apiRouteFiles();

describe("every /api/v1 route checks the permission table", () => {
  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  for (const route of routes) {
    for (const method of HTTP_METHODS) {
      it(`${method} ${route.pattern}`, async () => {
        const mod = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
        const handler = mod[method] as (((...a: never[]) => Promise<Response>) & { permission?: Permission }) | undefined;
        if (!handler) return;
        expect(handler.permission, `${method} ${route.pattern} must be built with apiRoute()`).toBeDefined();
        const params = Object.fromEntries(route.params.map((p) => [p, randomUUID()]));
        for (const role of ROLES) {
          const res = await call(handler as never, { method, token: tokens[role], params, body: method === "GET" || method === "DELETE" ? undefined : {} });
          const allowed = scopeOf(role, handler.permission!) !== "none";
          if (allowed) expect([401, 403], `${role} may ${method} ${route.pattern}`).not.toContain(res.status);
          else expect(res.status, `${role} must be refused ${method} ${route.pattern}`).toBe(403);
          if (res.status >= 400) expect(res.json.error.code, "errors are JSON").toEqual(expect.any(String));
        }
        const anonymous = await call(handler as never, { method, token: "trb_not-a-real-token", params });
        expect(anonymous.status).toBe(401);
        expect(anonymous.json.error.code).toBe("unauthenticated");
      });
    }
  }
});
