// "A probe shows the endpoint at the floor" follows the evidence: stored probes (inserted as the
// worker stores them, and one real probe of a real TLS server through executeProbe), endpoint
// changes and floor changes tick and untick it, recorded as done by the probe.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { syncAutomaticItems } from "@/lib/checklists/automatic";
import { updateCampaign } from "@/lib/campaigns/service";
import { updateIntegration } from "@/lib/integrations/service";
import { executeProbe } from "@/lib/probes/execute";
import { testCaPem } from "@/lib/tls-probe/testing/certs";
import { startTlsServer, type RunningServer } from "@/lib/tls-probe/testing/servers";
import { makeCampaign, makeIntegration, makeUser, unique, type TestUser } from "../support/factories";
import { addTemplate, instantiate, itemOf, storeProbe } from "../support/checklists";

process.env.PROBE_ALLOWED_RANGES = "127.0.0.1/32";
process.env.PROBE_TIMEOUT_MS = "3000";
const caFile = path.join(os.tmpdir(), `trb-checklists-ca-${process.pid}.pem`);
fs.writeFileSync(caFile, await testCaPem());
process.env.PROBE_CA_BUNDLE = caFile;

let admin: TestUser;
let campaign: Awaited<ReturnType<typeof makeCampaign>>;
let templateId: string;
let server: RunningServer;

beforeAll(async () => {
  admin = await makeUser({ role: "ADMIN" });
  campaign = await makeCampaign();
  templateId = (await addTemplate(admin, campaign.id, { category: "outbound_callout", title: "A probe shows the endpoint at the floor", automatic: "probe_meets_floor" })).id;
  server = await startTlsServer({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3" });
});

afterAll(async () => {
  await server.close();
  fs.rmSync(caFile, { force: true });
});

const sync = (ids: string[]) => db.$transaction((tx) => syncAutomaticItems(tx, ids));
const callout = () => instantiate(makeIntegration({ category: "outbound_callout", name: unique("SSO"), endpointHost: "sso.example.com" }));

describe("the automatic probe item", () => {
  it("is ticked by a probe at the floor, as done by that probe at its finish time, once", async () => {
    const row = await callout();
    const probe = await storeProbe(row, { handshakeVersion: "TLSv1_2", finishedAt: new Date("2017-02-13T03:15:04Z") });
    expect(await sync([row.id])).toBe(1);
    expect(await itemOf(templateId, row.id)).toMatchObject({ done: true, doneByProbeId: probe.id, doneById: null, doneAt: new Date("2017-02-13T03:15:04Z"), version: 2 });
    expect(await sync([row.id])).toBe(0);
    const ticks = await db.checklistTick.findMany({ where: { integrationId: row.id } });
    expect(ticks).toMatchObject([{ done: true, source: "probe", probeId: probe.id, byId: null, at: new Date("2017-02-13T03:15:04Z") }]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: row.id, action: "checklist.tick" } });
    expect(audit).toMatchObject({ actorLabel: "system", at: new Date("2017-02-13T03:15:04Z") });
    expect(audit.summary).toContain("the probe of 13 Feb 2017 shows");
  });

  it("is unticked by a newer probe below the floor, or with a certificate problem, and ticked again by a good one", async () => {
    const row = await callout();
    await storeProbe(row, { handshakeVersion: "TLSv1_2" });
    await sync([row.id]);
    const below = await storeProbe(row, { handshakeVersion: "TLSv1" });
    expect(await sync([row.id])).toBe(1);
    expect(await itemOf(templateId, row.id)).toMatchObject({ done: false, doneByProbeId: null, doneAt: null });
    expect(await db.checklistTick.findFirstOrThrow({ where: { integrationId: row.id, done: false } })).toMatchObject({ source: "probe", probeId: below.id });
    await storeProbe(row, { handshakeVersion: "TLSv1_3" });
    await sync([row.id]);
    expect((await itemOf(templateId, row.id)).done).toBe(true);
    await storeProbe(row, { handshakeVersion: "TLSv1_3", certProblem: "expired on 2017-01-31" });
    await sync([row.id]);
    expect((await itemOf(templateId, row.id)).done).toBe(false);
    await storeProbe(row, { handshakeVersion: null, errorKind: "timeout" });
    await sync([row.id]);
    expect((await itemOf(templateId, row.id)).done).toBe(false);
    expect(await db.checklistTick.count({ where: { integrationId: row.id } })).toBe(4);
  });

  it("is unticked when the endpoint changes (its probes prove nothing about the new one)", async () => {
    const row = await callout();
    await storeProbe(row, { handshakeVersion: "TLSv1_2" });
    await sync([row.id]);
    await updateIntegration(admin, row.id, { version: row.version, endpointHost: "sso2.example.com" });
    expect((await itemOf(templateId, row.id)).done).toBe(false);
    expect((await db.auditLog.findFirstOrThrow({ where: { entityId: row.id, action: "checklist.untick" } })).summary).toMatch(/has no probe of its current endpoint/);
  });

  it("follows the campaign's floor", async () => {
    const other = await makeCampaign();
    const tpl = await addTemplate(admin, other.id, { category: "email_relay", title: "Probe", automatic: "probe_meets_floor" });
    const row = await instantiate(await makeIntegration({ category: "email_relay", endpointHost: "mail.example.com", starttls: "smtp" }));
    await storeProbe(row, { handshakeVersion: "TLSv1_1" });
    await sync([row.id]);
    expect((await itemOf(tpl.id, row.id)).done).toBe(true);
    await updateCampaign(admin, { id: other.id, version: 1, floor: "TLSv1.2" });
    expect((await itemOf(tpl.id, row.id)).done).toBe(false);
  });

  it("is ticked by the worker's own storing of a real probe of a real TLS server", async () => {
    const row = await instantiate(await makeIntegration({ category: "outbound_callout", name: unique("Real"), endpointHost: server.host, endpointPort: server.port }));
    const probe = await db.probe.create({
      data: { integrationId: row.id, host: server.host, port: server.port, floor: "TLSv1_1", status: "queued", queuedAt: new Date() },
    });
    expect(await executeProbe(probe.id)).toBe("stored");
    const stored = await db.probe.findUniqueOrThrow({ where: { id: probe.id } });
    expect(stored).toMatchObject({ handshakeVersion: "TLSv1_3", certProblem: null });
    expect(await itemOf(templateId, row.id)).toMatchObject({ done: true, doneByProbeId: probe.id, doneAt: stored.finishedAt });
  });
});
