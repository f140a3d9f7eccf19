// Probe requests are rate-limited per user, in the database: a member may have 100 endpoints
// probed per 15 minutes (the numbers are pinned here, not read from the code), then gets 429 with
// Retry-After and a message saying when, from both API routes and the server actions. Admins are
// not limited. A refused request stores nothing; parallel requests cannot overspend the budget.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/http/action-result";
import { stopQueue } from "@/lib/jobs/queue";
import { POST as probeManyRoute } from "@/app/api/v1/probes/route";
import { POST as probeOneRoute } from "@/app/api/v1/integrations/[id]/probes/route";
import { probeIntegrationAction, probeManyAction } from "@/lib/actions/probes";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser, type TestUser } from "../support/factories";

let current: Actor | null = null;
vi.mock("@/lib/auth/session", () => ({ sessionActor: async () => current }));
const errorOf = (r: ActionResult<unknown>) => (r.ok ? undefined : r.error);

const LIMIT = 100;
const WINDOW_SECONDS = 15 * 60;

afterAll(() => stopQueue());

/** `n` integrations with an endpoint, owned by `owner`. */
async function owned(owner: TestUser, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await makeIntegration({ ownerId: owner.id, endpointHost: `probe-${i}.example.com`, endpointPort: 443 })).id);
  return ids;
}
const runsOf = (user: TestUser) => db.probeRun.count({ where: { requestedById: user.id } });
const probesOf = (user: TestUser) => db.probe.count({ where: { requestedById: user.id } });

describe("the probe rate limit", () => {
  let member: TestUser;
  let token: string;
  let ids: string[];
  beforeAll(async () => {
    member = await makeUser();
    token = await makeToken(member);
    ids = await owned(member, LIMIT + 1);
  });

  it("lets a member have 100 endpoints probed, then answers 429 with Retry-After and stores nothing", async () => {
    const first = await call(probeManyRoute, { method: "POST", token, body: { integrationIds: ids.slice(0, 60) } });
    expect(first.status).toBe(202);
    const second = await call(probeManyRoute, { method: "POST", token, body: { integrationIds: ids.slice(60, LIMIT) } });
    expect(second.status).toBe(202);
    expect(await probesOf(member)).toBe(LIMIT);

    const refused = await call(probeOneRoute, { method: "POST", token, params: { id: ids[LIMIT] } });
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatchObject({ code: "rate_limited" });
    expect(refused.json.error.message).toBe("Too many probes: a member may have 100 endpoints probed in 15 minutes, and you have 0 left. Try again in 15 minutes.");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(WINDOW_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(await runsOf(member)).toBe(2);
    expect(await probesOf(member)).toBe(LIMIT);

    const bulk = await call(probeManyRoute, { method: "POST", token, body: { integrationIds: [ids[LIMIT]] } });
    expect(bulk.status).toBe(429);
    expect(bulk.headers.get("retry-after")).toEqual(expect.stringMatching(/^\d+$/));
  });

  it("says when enough of the oldest requests leave the window for this one to fit", async () => {
    // The first request (60 probes) made 14 minutes ago: one more probe fits in about a minute.
    const [oldest] = await db.probeRequest.findMany({ where: { userId: member.id }, orderBy: { at: "asc" }, take: 1 });
    await db.probeRequest.update({ where: { id: oldest.id }, data: { at: new Date(Date.now() - 14 * 60_000) } });
    const refused = await call(probeOneRoute, { method: "POST", token, params: { id: ids[LIMIT] } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json.error.message).toMatch(/Try again in 1 minute\.$/);

    // Once it has left the window, the budget is back.
    await db.probeRequest.update({ where: { id: oldest.id }, data: { at: new Date(Date.now() - WINDOW_SECONDS * 1000 - 1000) } });
    const allowed = await call(probeOneRoute, { method: "POST", token, params: { id: ids[LIMIT] } });
    expect(allowed.status).toBe(202);
  });

  it("refuses through the server actions too, with the wait", async () => {
    // Whatever the budget left by the tests above, spend it all a minute ago.
    await db.probeRequest.create({ data: { userId: member.id, at: new Date(Date.now() - 60_000), probes: LIMIT } });
    current = member;
    const one = errorOf(await probeIntegrationAction({ id: ids[0] }));
    expect(one).toMatchObject({ status: 429, code: "rate_limited", message: expect.stringMatching(/^Too many probes: a member may have 100 endpoints probed in 15 minutes/) });
    expect(one?.retryAfterSeconds).toBeGreaterThan(0);
    const many = errorOf(await probeManyAction({ integrationIds: ids.slice(0, 2) }));
    expect(many).toMatchObject({ status: 429, code: "rate_limited" });
  });

  it("is per user: another member still has a full budget, and admins are not limited", async () => {
    const other = await makeUser();
    const theirs = await owned(other, 3);
    const res = await call(probeManyRoute, { method: "POST", token: await makeToken(other), body: { integrationIds: theirs } });
    expect(res.status).toBe(202);

    const admin = await makeUser({ role: "ADMIN" });
    const adminToken = await makeToken(admin);
    const many = await call(probeManyRoute, { method: "POST", token: adminToken, body: { integrationIds: ids } });
    expect(many.status).toBe(202);
    expect(many.json.total).toBe(LIMIT + 1);
    const again = await call(probeManyRoute, { method: "POST", token: adminToken, body: { integrationIds: ids } });
    expect(again.status).toBe(202);
  });

  it("refuses a selection larger than the whole budget with 422: waiting would not help", async () => {
    const big = await makeUser();
    const theirs = await owned(big, LIMIT + 1);
    const res = await call(probeManyRoute, { method: "POST", token: await makeToken(big), body: { integrationIds: theirs } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe(
      "A member may have at most 100 endpoints probed in 15 minutes, and this selection has 101: select fewer, or ask an admin to probe them.",
    );
    expect(await runsOf(big)).toBe(0);
  });

  it("cannot be overspent by parallel requests", async () => {
    const racer = await makeUser();
    const theirs = await owned(racer, 15);
    const racerToken = await makeToken(racer);
    // Ten requests of 15 endpoints at once: exactly six fit in 100.
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(probeManyRoute, { method: "POST", token: racerToken, body: { integrationIds: theirs } })));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 202, 202, 202, 202, 202, 429, 429, 429, 429]);
    expect(await probesOf(racer)).toBe(90);
  });
});
