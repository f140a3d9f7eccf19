import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createIntegration, deleteIntegration, getIntegration, listIntegrations, updateIntegration } from "@/lib/integrations/service";
import { createIntegrationInput, listQuerySchema } from "@/lib/integrations/schemas";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/integrations/route";
import { DELETE as deleteRoute, GET as readRoute, PATCH as patchRoute } from "@/app/api/v1/integrations/[id]/route";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser, unique } from "../support/factories";

const q = (raw: Record<string, string> = {}) => listQuerySchema.parse(raw);

describe("integration records", () => {
  it("are created with validation, a default port, and an audit entry", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const owner = await makeUser();
    const row = await createIntegration(
      admin,
      createIntegrationInput.parse({ name: "Corporate relay", category: "email_relay", ownerId: owner.id, endpointHost: "Mail.Example.COM", starttls: "smtp" }),
    );
    expect(row).toMatchObject({ endpointHost: "mail.example.com", endpointPort: 25, starttls: "smtp", status: "not_started", version: 1, owner: { id: owner.id } });
    const https = createIntegrationInput.parse({ name: "x", category: "outbound_callout", endpointHost: "sso.example.com" });
    expect(https.endpointPort).toBe(443);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: row.id } });
    expect(audit).toMatchObject({ action: "integration.create", actorLabel: admin.email });
  });

  it("name what is wrong with each field", () => {
    const r = createIntegrationInput.safeParse({ name: "", category: "mainframe", endpointHost: "https://sso.example.com/login", endpointPort: 70000, starttls: "imap" });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toMatchObject({
      name: "is required",
      category: expect.stringContaining("must be one of browser"),
      endpointHost: expect.stringContaining("without scheme or path"),
      endpointPort: "must be between 1 and 65535",
      starttls: "must be none or smtp",
    });
    const orphanPort = createIntegrationInput.safeParse({ name: "x", category: "api", endpointPort: 443, sni: "a.example" });
    expect(Object.fromEntries(orphanPort.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({ endpointPort: "needs an endpoint host", sni: "needs an endpoint host" });
    expect(createIntegrationInput.safeParse({ name: "x", category: "api", endpointHost: "host.example:8443" }).error!.issues[0].message).toMatch(/port field/);
    expect(createIntegrationInput.safeParse({ name: "x", category: "api", endpointHost: "2001:db8::1" }).success).toBe(true);
  });

  it("refuse a duplicate name in the same category with 409", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const name = unique("dup");
    await createIntegration(admin, createIntegrationInput.parse({ name, category: "api" }));
    await expect(createIntegration(admin, createIntegrationInput.parse({ name, category: "api" }))).rejects.toMatchObject({ status: 409, fields: { name: "is already used in this category" } });
    await expect(createIntegration(admin, createIntegrationInput.parse({ name, category: "browser" }))).resolves.toBeTruthy();
  });

  it("keep both people's changes: a stale edit gets 409 with the current values", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const row = await makeIntegration({ status: "not_started", notes: "original" });
    const first = await call(patchRoute, { method: "PATCH", token, params: { id: row.id }, body: { version: 1, status: "in_progress" } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: "in_progress", version: 2 });
    const stale = await call(patchRoute, { method: "PATCH", token, params: { id: row.id }, body: { version: 1, notes: "mine" } });
    expect(stale.status).toBe(409);
    expect(stale.json.error.current).toMatchObject({ status: "in_progress", notes: "original", version: 2 });
    expect((await getIntegration(admin, row.id)).notes).toBe("original");
    const retried = await call(patchRoute, { method: "PATCH", token, params: { id: row.id }, body: { version: 2, notes: "mine" } });
    expect(retried.json).toMatchObject({ status: "in_progress", notes: "mine", version: 3 });
  });

  it("never lose an update: two edits of the same version, forced to overlap, get one success and one 409", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const row = await makeIntegration({ notes: "original" });
    // Another connection holds the row's lock, so both edits read version 1 and pass any check
    // made on what they read, then both wait to write: the overlap that loses an update.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM integrations WHERE id = $1 FOR UPDATE", [row.id]);
      const edits = Promise.allSettled([
        updateIntegration(admin, row.id, { version: 1, notes: "mine" }),
        updateIntegration(admin, row.id, { version: 1, notes: "theirs" }),
      ]);
      // Asked outside the holder's transaction: inside it, pg_stat_activity would stay the snapshot first read.
      const waiting = async () =>
        (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0].n;
      await expect.poll(waiting, { timeout: 10_000 }).toBe(2);
      await holder.query("COMMIT");
      const results = await edits;
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(ConflictError);
      const winner = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ notes: string }>).value;
      // The 409 carries the winner's values; the row holds exactly the winner's change, once.
      expect(loser.reason.current).toMatchObject({ notes: winner.notes, version: 2 });
      expect(await db.integration.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ notes: winner.notes, version: 2 });
      expect(await db.auditLog.count({ where: { entityId: row.id, action: "integration.update" } })).toBe(1);
    } finally {
      await holder.end();
    }
  });

  it("let members edit only what they own, and never reassign it", async () => {
    const member = await makeUser();
    const other = await makeUser();
    const mine = await makeIntegration({ ownerId: member.id });
    const theirs = await makeIntegration({ ownerId: other.id });
    await expect(updateIntegration(member, mine.id, { version: 1, status: "in_progress" })).resolves.toMatchObject({ status: "in_progress" });
    await expect(updateIntegration(member, theirs.id, { version: 1, status: "in_progress" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateIntegration(member, mine.id, { version: 2, ownerId: other.id })).rejects.toThrow(/may not/);
    await expect(deleteIntegration(member, mine.id)).rejects.toBeInstanceOf(ForbiddenError);
    const token = await makeToken(member);
    expect((await call(patchRoute, { method: "PATCH", token, params: { id: theirs.id }, body: { version: 1, notes: "x" } })).status).toBe(403);
    expect((await call(createRoute, { method: "POST", token, body: { name: "x", category: "api" } })).status).toBe(403);
    const manager = await makeToken(await makeUser({ role: "MANAGER" }));
    expect((await call(readRoute, { token: manager, params: { id: theirs.id } })).status).toBe(200);
    expect((await call(patchRoute, { method: "PATCH", token: manager, params: { id: theirs.id }, body: { version: 1, notes: "x" } })).status).toBe(403);
  });

  it("reject an owner who is not a user", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const row = await makeIntegration();
    await expect(updateIntegration(admin, row.id, { version: 1, ownerId: crypto.randomUUID() })).rejects.toBeInstanceOf(ValidationError);
  });

  it("are deleted by admins with a confirmation version and an audit entry", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const row = await makeIntegration();
    expect((await call(deleteRoute, { method: "DELETE", token, params: { id: row.id }, path: `/api/v1/integrations/${row.id}?version=7` })).status).toBe(409);
    expect((await call(deleteRoute, { method: "DELETE", token, params: { id: row.id }, path: `/api/v1/integrations/${row.id}?version=1` })).status).toBe(204);
    expect((await call(readRoute, { token, params: { id: row.id } })).status).toBe(404);
    expect(await db.auditLog.count({ where: { entityId: row.id, action: "integration.delete" } })).toBe(1);
  });
});

describe("the inventory list", () => {
  it("filters by text, category, status, owner and endpoint", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const tag = unique("tag");
    const owner = await makeUser();
    await makeIntegration({ name: `${tag} alpha`, category: "api", status: "blocked", ownerId: owner.id });
    await makeIntegration({ name: `${tag} beta`, category: "browser", status: "in_progress", vendor: "Acme" });
    await makeIntegration({ name: `${tag} gamma`, category: "outbound_callout", endpointHost: `${tag}.example.com`, notes: "vendor says TLS 1.2" });
    const names = async (raw: Record<string, string>) => (await listIntegrations(admin, q({ q: tag, ...raw }))).data.map((r) => r.name.replace(`${tag} `, ""));
    expect(await names({})).toEqual(["alpha", "beta", "gamma"]);
    expect(await names({ category: "api,browser" })).toEqual(["alpha", "beta"]);
    expect(await names({ status: "blocked" })).toEqual(["alpha"]);
    expect(await names({ owner: owner.id })).toEqual(["alpha"]);
    expect(await names({ owner: "none" })).toEqual(["beta", "gamma"]);
    expect(await names({ endpoint: "yes" })).toEqual(["gamma"]);
    expect(await names({ endpoint: "no" })).toEqual(["alpha", "beta"]);
    expect((await listIntegrations(admin, q({ q: "TLS 1.2" }))).data.some((r) => r.name === `${tag} gamma`)).toBe(true);
    expect((await listIntegrations(admin, q({ q: "acme" }))).data.map((r) => r.name)).toContain(`${tag} beta`);
    expect((await listIntegrations(owner, q({ q: tag, owner: "me" }))).data.map((r) => r.name)).toEqual([`${tag} alpha`]);
  });

  it("sorts on the server, and pages with a total", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const tag = unique("sort");
    for (const [i, n] of ["c", "a", "b", "e", "d"].entries()) {
      await makeIntegration({ name: `${tag}-${n}`, updatedAt: new Date(Date.UTC(2017, 0, 10 + i)) });
    }
    const page = async (raw: Record<string, string>) => {
      const r = await listIntegrations(admin, q({ q: tag, ...raw }));
      return { names: r.data.map((x) => x.name.slice(-1)).join(""), total: r.total };
    };
    expect(await page({ sort: "name" })).toEqual({ names: "abcde", total: 5 });
    expect(await page({ sort: "-name" })).toEqual({ names: "edcba", total: 5 });
    expect(await page({ sort: "-updatedAt" })).toEqual({ names: "debac", total: 5 });
    expect(await page({ sort: "name", pageSize: "2", page: "2" })).toEqual({ names: "cd", total: 5 });
    expect(await page({ sort: "name", pageSize: "2", page: "9" })).toEqual({ names: "", total: 5 });
  });

  it("answers the API in the documented shape and explains a bad query", async () => {
    const token = await makeToken(await makeUser({ role: "MANAGER" }));
    const tag = unique("api");
    await makeIntegration({ name: `${tag}-1` });
    const ok = await call(listRoute, { token, path: `/api/v1/integrations?q=${tag}&sort=-name&page=1&pageSize=10` });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ page: 1, pageSize: 10, total: 1, data: [{ name: `${tag}-1`, category: "api", version: 1 }] });
    const bad = await call(listRoute, { token, path: "/api/v1/integrations?category=mainframe&sort=colour&pageSize=0&owner=bob" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toMatchObject({
      category: "unknown category: mainframe",
      sort: expect.stringContaining("must be one of name"),
      pageSize: "must be at least 1",
      owner: "must be a user id, me or none",
    });
  });
});
