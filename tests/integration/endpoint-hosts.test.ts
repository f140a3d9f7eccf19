// Endpoint hosts are checked once, by the probe's own parser, at every way in (API, form, CSV):
// whatever is accepted there is a target the worker can probe; anything else is a 422 naming the
// field, before it is stored.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { createIntegrationInput } from "@/lib/integrations/schemas";
import { validateProbeInput } from "@/lib/tls-probe/probe-target";
import { POST as createRoute } from "@/app/api/v1/integrations/route";
import { PATCH as patchRoute } from "@/app/api/v1/integrations/[id]/route";
import { POST as importRoute } from "@/app/api/v1/integrations/import/route";
import { createIntegrationAction } from "@/lib/actions/integrations";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser, unique } from "../support/factories";

let session: Actor | null = null;
vi.mock("@/lib/auth/session", () => ({ sessionActor: async () => session }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

// Each passed the API's old pattern and was refused by the worker.
const BAD_HOSTS = ["a:b", "1:2:3", ":", "a:b:c:d", "host_-.example", "exa mple.com", "-bad.example", "a..b"];

describe("endpoint hosts", () => {
  it("refuses what the probe cannot parse, through the API, with a 422 naming the field", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    for (const host of BAD_HOSTS) {
      const res = await call(createRoute, { method: "POST", token, body: { name: unique("h"), category: "api", endpointHost: host } });
      expect(res.status, host).toBe(422);
      expect(res.json.error.fields.endpointHost, host).toMatch(/^must be a host name or an IP address: host ".*" is not a valid host name|empty label/);
    }
    const sni = await call(createRoute, { method: "POST", token, body: { name: unique("h"), category: "api", endpointHost: "sso.example.com", sni: "a:b" } });
    expect(sni.status).toBe(422);
    expect(sni.json.error.fields.sni).toMatch(/SNI name "a:b" is not a valid host name/);
    const row = await makeIntegration({ endpointHost: "ok.example.com" });
    const edit = await call(patchRoute, { method: "PATCH", token, params: { id: row.id }, body: { version: 1, endpointHost: "1:2:3" } });
    expect(edit.status).toBe(422);
    expect(Object.keys(edit.json.error.fields)).toEqual(["endpointHost"]);
    expect(await db.integration.count({ where: { endpointHost: { in: BAD_HOSTS } } })).toBe(0);
  });

  it("refuses them in the form's server action", async () => {
    session = await makeUser({ role: "ADMIN" });
    const result = await createIntegrationAction({ name: unique("form"), category: "api", endpointHost: "a:b" });
    expect(result).toMatchObject({ ok: false, error: { status: 422, fields: { endpointHost: expect.stringContaining('host "a:b" is not a valid host name') } } });
    session = null;
  });

  it("refuses them per row in a CSV import, storing nothing of the file", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const tag = unique("csvhost");
    const csv = `name,category,endpoint_host\n${tag} good,api,sso.example.com\n${tag} bad,api,a:b\n${tag} colon,api,":"\n`;
    const res = await call(importRoute, { method: "POST", token, path: "/api/v1/integrations/import", body: csv, headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(422);
    expect(res.json.rejected.map((r: { line: number; errors: Record<string, string> }) => [r.line, Object.keys(r.errors)])).toEqual([
      [3, ["endpointHost"]],
      [4, ["endpointHost"]],
    ]);
    expect(await db.integration.count({ where: { name: { startsWith: tag } } })).toBe(0);
  });

  it("accepts what the probe accepts, stored in a form the probe takes as it is", () => {
    const policy = { allowedRanges: [] };
    for (const host of ["sso.example.com", "SSO.Example.com.", "10.0.4.7", "2001:db8::1", "[2001:db8::1]", "::1", "internal_host.corp", "bücher.example"]) {
      const parsed = createIntegrationInput.safeParse({ name: "x", category: "api", endpointHost: host, sni: "api.internal" });
      expect(parsed.success, host).toBe(true);
      const { endpointHost, endpointPort, sni } = parsed.data!;
      expect(() => validateProbeInput({ host: endpointHost!, port: endpointPort!, sni }, { policy }), host).not.toThrow();
    }
    expect(createIntegrationInput.safeParse({ name: "x", category: "api", endpointHost: "host.example:8443" }).error!.issues[0].message).toMatch(/port field/);
  });
});
