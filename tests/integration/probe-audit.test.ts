// Probe runs and their cancellations are in the audit log: who started which run and how many
// endpoints it probes; who cancelled it and what remained. A refused cancellation changes nothing
// and records nothing.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopQueue } from "@/lib/jobs/queue";
import { POST as probeManyRoute } from "@/app/api/v1/probes/route";
import { POST as cancelRoute } from "@/app/api/v1/probe-runs/[id]/cancel/route";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser } from "../support/factories";

afterAll(() => stopQueue());

const entriesFor = (runId: string) => db.auditLog.findMany({ where: { entityType: "probe_run", entityId: runId }, orderBy: { id: "asc" } });

describe("audit entries for probe runs", () => {
  it("records who started a run and how many endpoints, who cancelled it and what remained", async () => {
    const member = await makeUser();
    const token = await makeToken(member);
    const rows = await Promise.all([1, 2, 3].map((i) => makeIntegration({ ownerId: member.id, endpointHost: `audit-${i}.example.com`, endpointPort: 443 })));
    const noEndpoint = await makeIntegration({ ownerId: member.id });
    const started = await call(probeManyRoute, { method: "POST", token, body: { integrationIds: [...rows.map((r) => r.id), noEndpoint.id] } });
    expect(started.status).toBe(202);
    const runId = started.json.runId as string;

    const [start] = await entriesFor(runId);
    expect(start).toMatchObject({
      action: "probe_run.start",
      actorId: member.id,
      actorLabel: member.email,
      summary: "Started a probe run of 3 endpoints: 4 selected integrations: 3 with an endpoint (1 without)",
      after: { kind: "bulk", total: 3, skipped: 1 },
    });
    // The integrations probed, in whatever order the selection was read (the rows were made in parallel).
    expect([...(start.after as { integrationIds: string[] }).integrationIds].sort()).toEqual(rows.map((r) => r.id).sort());

    // One probe already running when the cancellation comes.
    const [running] = await db.probe.findMany({ where: { runId }, take: 1 });
    await db.probe.update({ where: { id: running.id }, data: { status: "running", startedAt: new Date() } });

    const other = await makeUser();
    const refused = await call(cancelRoute, { method: "POST", token: await makeToken(other), params: { id: runId } });
    expect(refused.status).toBe(403);
    expect(await entriesFor(runId)).toHaveLength(1);
    expect(await db.probe.count({ where: { runId, status: "queued" } })).toBe(2);

    const cancelled = await call(cancelRoute, { method: "POST", token, params: { id: runId } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.cancelled).toBe(2);
    const entries = await entriesFor(runId);
    expect(entries.map((e) => e.action)).toEqual(["probe_run.start", "probe_run.cancel"]);
    expect(entries[1]).toMatchObject({
      actorId: member.id,
      summary: "Cancelled 2 of 3 probes not yet started (1 running left to finish): 4 selected integrations: 3 with an endpoint (1 without)",
      before: { queued: 2, running: 1 },
      after: { cancelled: 2, running: 1 },
    });

    // An admin may cancel anyone's run; with nothing left, the entry says so.
    const admin = await makeUser({ role: "ADMIN" });
    const again = await call(cancelRoute, { method: "POST", token: await makeToken(admin), params: { id: runId } });
    expect(again.status).toBe(200);
    expect(again.json.cancelled).toBe(0);
    const last = (await entriesFor(runId)).at(-1)!;
    expect(last).toMatchObject({ action: "probe_run.cancel", actorId: admin.id, before: { queued: 0, running: 1 } });
    expect(last.summary).toMatch(/^Asked to cancel a run with nothing left to cancel/);
  });

  it("records a large run's count without listing every integration", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const rows = [];
    for (let i = 0; i < 101; i++) rows.push(await makeIntegration({ endpointHost: `bulk-${i}.example.com`, endpointPort: 443 }));
    const started = await call(probeManyRoute, { method: "POST", token: await makeToken(admin), body: { integrationIds: rows.map((r) => r.id) } });
    expect(started.status).toBe(202);
    const [entry] = await entriesFor(started.json.runId);
    expect(entry.action).toBe("probe_run.start");
    expect(entry.after).toEqual({ kind: "bulk", label: "101 selected integrations", total: 101, skipped: 0 });
  });
});
