// Every route handler under /api/v1, called as every role through an API token: what each role
// may do is the matrix written out by hand in tests/support/permission-matrix.ts, not the app's
// own table, so a wrong entry there fails here.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ROLES, type Permission, type Role } from "@/lib/auth/permissions";
import { POST as cancelRoute } from "@/app/api/v1/probe-runs/[id]/cancel/route";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser } from "../support/factories";
import { expectedViaToken } from "../support/permission-matrix";
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
          const allowed = expectedViaToken(handler.permission!, role) !== "none";
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

describe("cancelling a probe run", () => {
  /** A run of one queued probe, as enqueueProbes leaves it before a worker takes it. */
  async function runRequestedBy(userId: string) {
    const row = await makeIntegration({ category: "outbound_callout", endpointHost: "sso.example.com", endpointPort: 443 });
    return db.probeRun.create({
      data: {
        kind: "single",
        requestedById: userId,
        total: 1,
        createdAt: new Date(),
        probes: { create: { integrationId: row.id, requestedById: userId, host: "sso.example.com", port: 443, floor: "TLSv1_1", queuedAt: new Date() } },
      },
    });
  }
  const queued = (runId: string) => db.probe.count({ where: { runId, status: "queued" } });

  it("is refused to a member for someone else's run, and allowed for their own and to admins", async () => {
    const member = await makeUser();
    const other = await makeUser();
    const theirs = await runRequestedBy(other.id);
    const refused = await call(cancelRoute, { method: "POST", token: await makeToken(member), params: { id: theirs.id } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/Only an admin or whoever started the run/);
    expect(await queued(theirs.id)).toBe(1);

    const mine = await runRequestedBy(member.id);
    const own = await call(cancelRoute, { method: "POST", token: await makeToken(member), params: { id: mine.id } });
    expect(own.status).toBe(200);
    expect(own.json.cancelled).toBe(1);

    const manager = await call(cancelRoute, { method: "POST", token: await makeToken(await makeUser({ role: "MANAGER" })), params: { id: theirs.id } });
    expect(manager.status).toBe(403);
    const admin = await call(cancelRoute, { method: "POST", token: await makeToken(await makeUser({ role: "ADMIN" })), params: { id: theirs.id } });
    expect(admin.status).toBe(200);
    expect(await queued(theirs.id)).toBe(0);
  });
});
