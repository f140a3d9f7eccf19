// Names the API used before the structure was unified still work for existing API clients: a
// campaign's `floorProtocol`, and a run's top-level counts beside `outcomes`.
import { describe, expect, it } from "vitest";
import { POST as createCampaignRoute } from "@/app/api/v1/campaigns/route";
import { PATCH as updateCampaignRoute } from "@/app/api/v1/campaigns/[id]/route";
import { GET as runRoute } from "@/app/api/v1/probe-runs/[id]/route";
import { db } from "@/lib/db";
import { call } from "../support/api";
import { makeToken, makeUser, unique } from "../support/factories";

describe("earlier API field names", () => {
  it("accept floorProtocol for a campaign's floor, and prefer floor when both are sent", async () => {
    const token = await makeToken(await makeUser({ role: "ADMIN" }));
    const created = await call(createCampaignRoute, {
      method: "POST",
      token,
      body: { name: unique("legacy client"), floorProtocol: "TLSv1.2", milestones: [{ name: "Cutoff", dueAt: "2018-02-01T00:00:00Z" }] },
    });
    expect(created.status).toBe(201);
    expect(created.json.floor).toBe("TLSv1.2");
    const patched = await call(updateCampaignRoute, { method: "PATCH", token, params: { id: created.json.id }, body: { version: created.json.version, floor: "TLSv1.3", floorProtocol: "TLSv1" } });
    expect(patched.status).toBe(200);
    expect(patched.json.floor).toBe("TLSv1.3");
    const bad = await call(updateCampaignRoute, { method: "PATCH", token, params: { id: created.json.id }, body: { version: patched.json.version, floorProtocol: "SSLv3" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields.floor).toMatch(/must be one of/);
  });

  it("send a run's progress with the earlier top-level counts beside its outcomes", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const run = await db.probeRun.create({ data: { kind: "bulk", total: 3, createdAt: new Date(), requestedById: admin.id } });
    const at = new Date();
    await db.probe.createMany({
      data: [
        { runId: run.id, host: "a.example", port: 443, floor: "TLSv1_1", queuedAt: at, status: "queued" },
        { runId: run.id, host: "b.example", port: 443, floor: "TLSv1_1", queuedAt: at, status: "done", finishedAt: at, handshakeVersion: "TLSv1_3" },
        { runId: run.id, host: "c.example", port: 443, floor: "TLSv1_1", queuedAt: at, status: "done", finishedAt: at, errorKind: "timeout" },
      ],
    });
    const res = await call(runRoute, { token, params: { id: run.id } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      total: 3,
      done: 2,
      finished: false,
      outcomes: { queued: 1, meets_floor: 1, unreachable: 1 },
      queued: 1,
      running: 0,
      cancelled: 0,
      failed: 1,
      ready: 1,
    });
  });
});
