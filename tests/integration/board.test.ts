// The board and its live updates against a real Postgres: filters (the checklist basis included)
// and groups counted in the database, one page per group, the API as every role, and the SSE
// stream: permission checked, a change NOTIFYed by a trigger reaching subscribers through one
// LISTEN connection per process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRows } from "@/lib/db";
import { getBoard } from "@/lib/checklists/board";
import { boardQuery } from "@/lib/checklists/schemas";
import { tickItem } from "@/lib/checklists/tick";
import { resolveActiveId } from "@/lib/campaigns/service";
import { GET as boardRoute } from "@/app/api/v1/board/route";
import { GET as eventsRoute } from "@/app/api/v1/board/events/route";
import { boardChanges } from "@/lib/live/board-changes";
import { NextRequest } from "next/server";
import { call } from "../support/api";
import { makeCampaign, makeIntegration, makeToken, makeUser, type TestUser } from "../support/factories";
import { addTemplate, instantiate, itemOf, storeProbe } from "../support/checklists";

let admin: TestUser;
let member: TestUser;
let other: TestUser;
const rows = {} as Record<"ready" | "partial" | "waiting" | "proven" | "othersApi", { id: string; name: string }>;
let templates: { plain: string; verify: string };

beforeAll(async () => {
  admin = await makeUser({ role: "ADMIN" });
  member = await makeUser();
  other = await makeUser();
  const campaignId = (await resolveActiveId()) ?? (await makeCampaign()).id;
  templates = {
    plain: (await addTemplate(admin, campaignId, { category: "api", title: "Apply the change for that runtime" })).id,
    verify: (await addTemplate(admin, campaignId, { category: "api", title: "Confirm in Login History", verification: true, evidence: "note" })).id,
  };
  const tickAll = async (id: string) => {
    await tickItem(member, (await itemOf(templates.plain, id)).id, { done: true, version: 1 });
    await tickItem(member, (await itemOf(templates.verify, id)).id, { done: true, note: "no TLS 1.0 logins since 2017-02-10", version: 1 });
  };
  rows.ready = await instantiate(makeIntegration({ name: "A ready by checklist", category: "api", ownerId: member.id }));
  await tickAll(rows.ready.id);
  rows.partial = await instantiate(makeIntegration({ name: "B half done", category: "api", ownerId: member.id }));
  await tickItem(member, (await itemOf(templates.plain, rows.partial.id)).id, { done: true, version: 1 });
  const waiting = await instantiate(makeIntegration({ name: "C waiting for proof", category: "api", ownerId: member.id, endpointHost: "api.example.com" }));
  rows.waiting = waiting;
  await tickAll(waiting.id);
  rows.othersApi = await instantiate(makeIntegration({ name: "D someone else's", category: "api", ownerId: other.id }));
  const proven = await instantiate(makeIntegration({ name: "E proven relay", category: "email_relay", ownerId: other.id, endpointHost: "smtp.example.com", endpointPort: 25 }));
  rows.proven = proven;
  await storeProbe(proven, { handshakeVersion: "TLSv1_2" });
  for (const n of [1, 2, 3]) await makeIntegration({ name: `Browser group ${n}`, category: "browser" });
});

const board = (actor: TestUser, params: Record<string, string> = {}, groupPages?: Parameters<typeof getBoard>[2]) => getBoard(actor, boardQuery.parse(params), groupPages);
const names = (b: Awaited<ReturnType<typeof getBoard>>) => b.data.map((r) => r.name);

describe("the board", () => {
  it("groups by impact area in the notice's order, counted in the database, with the checklist basis apart", async () => {
    const b = await board(admin);
    expect(b.groups.map((g) => g.category)).toEqual(["browser", "api", "email_relay"]);
    expect(b.groups.find((g) => g.category === "api")).toMatchObject({ label: "API", total: 4, inScope: 4, ready: 1, withOpenItems: 2, items: { done: 5, total: 8 } });
    expect(b.groups.find((g) => g.category === "email_relay")).toMatchObject({ total: 1, ready: 1 });
    expect(b.total).toBe(8);
    const ready = b.data.find((r) => r.id === rows.ready.id)!;
    expect(ready.readiness).toMatchObject({ verdict: "ready", basis: "checklist" });
    expect(ready).toMatchObject({ checklist: { done: 2, required: 2, total: 2 }, nextItem: null, owner: { id: member.id } });
    const partial = b.data.find((r) => r.id === rows.partial.id)!;
    expect(partial.nextItem).toMatchObject({ title: "Confirm in Login History" });
    expect(partial.readiness.verdict).toBe("unverified");
    // A finished checklist does not make ready what a probe can test: it waits for proof.
    const waiting = b.data.find((r) => r.id === rows.waiting.id)!;
    expect(waiting.readiness).toMatchObject({ verdict: "not_probed", basis: null, warnings: ["Checklist complete, waiting for proof: probe its endpoint."] });
  });

  it("filters by verdict (ready-checklist apart from proven), owner incl. mine, impact area and open items", async () => {
    expect(names(await board(admin, { verdict: "ready-checklist" }))).toEqual(["A ready by checklist"]);
    expect(names(await board(admin, { verdict: "ready-proven" }))).toEqual(["E proven relay"]);
    expect(names(await board(admin, { verdict: "ready" }))).toEqual(["A ready by checklist", "E proven relay"]);
    expect(names(await board(member, { owner: "me" }))).toEqual(["A ready by checklist", "B half done", "C waiting for proof"]);
    expect(names(await board(admin, { owner: other.id, category: "api" }))).toEqual(["D someone else's"]);
    expect(names(await board(admin, { open: "true", category: "api" }))).toEqual(["B half done", "D someone else's"]);
    const none = await board(admin, { verdict: "ready-declared" });
    expect(none).toMatchObject({ groups: [], data: [], total: 0 });
    expect(boardQuery.safeParse({ verdict: "ready-guessed" }).success).toBe(false);
  });

  it("pages each group on its own, so a big group never loads whole", async () => {
    const first = await board(admin, { pageSize: "2" }, {});
    expect(names(first)).toEqual(["Browser group 1", "Browser group 2", "A ready by checklist", "B half done", "E proven relay"]);
    const second = await board(admin, { pageSize: "2" }, { browser: 2, api: 2 });
    expect(names(second)).toEqual(["Browser group 3", "C waiting for proof", "D someone else's", "E proven relay"]);
    // The counts stay those of the whole group.
    expect(second.groups.find((g) => g.category === "browser")!.total).toBe(3);
  });

  it("answers GET /api/v1/board for every role, and names a bad filter", async () => {
    for (const role of ["ADMIN", "MANAGER", "MEMBER"] as const) {
      const res = await call(boardRoute, { token: await makeToken(await makeUser({ role })), path: "/api/v1/board?verdict=ready-checklist" });
      expect(res.status, role).toBe(200);
      expect(res.json.data.map((r: { name: string; readiness: { basis: string } }) => [r.name, r.readiness.basis])).toEqual([["A ready by checklist", "checklist"]]);
    }
    const bad = await call(boardRoute, { token: await makeToken(admin), path: "/api/v1/board?verdict=maybe" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.verdict).toContain("unknown verdict: maybe");
  });
});

/** Opens the event stream as the token's user and reads its events as they come. */
async function openEvents(token: string) {
  const abort = new AbortController();
  const req = new NextRequest(new URL("/api/v1/board/events", "http://localhost:3000"), { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const res = await eventsRoute(req, { params: Promise.resolve({}) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    res,
    /** The next event of this name (skipping others), within the timeout. */
    async next(name: string, timeoutMs = 5_000): Promise<unknown> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event === name) return data ? JSON.parse(data) : null;
          continue;
        }
        const left = until - Date.now();
        if (left <= 0) throw new Error(`no ${name} event within ${timeoutMs} ms`);
        const chunk = await Promise.race([reader.read(), new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left))]);
        if (chunk === "timeout") throw new Error(`no ${name} event within ${timeoutMs} ms`);
        if (chunk.done) throw new Error("the stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close() {
      abort.abort();
      void reader.cancel().catch(() => undefined);
    },
  };
}

const listenConnections = async () =>
  (await readRows<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'trb board-changes' AND datname = current_database()`))[0].n;

describe("live updates", () => {
  const open: { close(): void }[] = [];
  afterAll(() => open.forEach((s) => s.close()));

  it("needs a signed-in user with the board's permission", async () => {
    const anonymous = await call(eventsRoute, { token: "trb_not-a-real-token" });
    expect(anonymous.status).toBe(401);
    const manager = await call(eventsRoute, { token: await makeToken(await makeUser({ role: "MANAGER" })) });
    expect(manager.status).toBe(200);
    expect(manager.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  });

  it("fans a tick out to every open stream within seconds, through one LISTEN connection", async () => {
    const a = await openEvents(await makeToken(admin));
    const b = await openEvents(await makeToken(member));
    open.push(a, b);
    await a.next("ready");
    await b.next("ready");
    expect(await listenConnections()).toBe(1);

    const item = await itemOf(templates.plain, rows.othersApi.id);
    const started = Date.now();
    await tickItem(admin, item.id, { done: true, version: item.version });
    expect(await a.next("change")).toEqual({ tables: expect.arrayContaining(["checklist_items"]) });
    expect(await b.next("change")).toEqual({ tables: expect.arrayContaining(["checklist_items"]) });
    expect(Date.now() - started).toBeLessThan(3_000);

    // A probe stored by a worker is announced too.
    await storeProbe({ id: rows.waiting.id, endpointHost: "api.example.com", endpointPort: 443 }, { handshakeVersion: "TLSv1_2" });
    expect(await a.next("change")).toEqual({ tables: expect.arrayContaining(["probes"]) });

    // The streams close; the one connection stays for the counts kept until a change.
    a.close();
    b.close();
    await expect.poll(() => boardChanges.subscriberCount, { timeout: 5_000 }).toBe(1);
    expect(await listenConnections()).toBe(1);
  });

  it("keeps whole-inventory counts until the database reports a change, and never serves them stale", async () => {
    const before = await board(admin, { category: "api" });
    const readyBefore = before.groups[0].ready;
    // A change made outside this process's wrappers (as the worker's would be): only the notification clears the counts.
    const partial = await itemOf(templates.verify, rows.partial.id);
    await tickItem(member, partial.id, { done: true, note: "checked in Login History", version: partial.version });
    await expect.poll(async () => (await board(admin, { category: "api" })).groups[0].ready, { timeout: 5_000 }).toBe(readyBefore + 1);
    expect((await board(admin, { category: "api" })).data.find((r) => r.id === rows.partial.id)!.readiness.basis).toBe("checklist");
  });
});

describe("a group's share ready", () => {
  it("is of the integrations in scope, as the header counts: a retired one is listed but not in the share", async () => {
    const kept = await makeIntegration({ name: "AppExchange kept", category: "appexchange" });
    const gone = await makeIntegration({ name: "AppExchange gone", category: "appexchange", status: "retired" });
    try {
      const group = (await board(admin, { category: "appexchange" })).groups[0];
      expect(group).toMatchObject({ category: "appexchange", total: 2, inScope: 1, ready: 0 });
    } finally {
      await readRows(`DELETE FROM integrations WHERE id = ANY($1::uuid[])`, [[kept.id, gone.id]]);
    }
  });
});
