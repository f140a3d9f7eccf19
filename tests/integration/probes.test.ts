// Probes through the real queue: pg-boss in this test's own database, workers in this process,
// real TLS servers on loopback. Nothing is mocked.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSetting } from "@/lib/settings/store";
import { REPROBE_INTERVAL } from "@/lib/probes/settings";
import { getProbeSettings, probeSettingsInput, updateProbeSettings } from "@/lib/probes/settings-admin";
import { reprobeEverything } from "@/lib/probes/jobs";
import { now } from "@/lib/clock";
import { PUT as settingsRoute } from "@/app/api/v1/settings/probes/route";
import { testCaPem } from "@/lib/tls-probe/testing/certs";
import { db } from "@/lib/db";
import { enqueueProbes, cancelRun, NothingToProbeError } from "@/lib/probes/enqueue";
import { probeHistory, runProgress } from "@/lib/probes/read";
import { startWorker, type Worker } from "@/lib/jobs/host";
import { stopQueue } from "@/lib/jobs/queue";
import { updateIntegration, getReadiness } from "@/lib/integrations/service";
import { setOverride } from "@/lib/readiness/override";
import { ForbiddenError } from "@/lib/errors";
import { POST as probeRoute, GET as historyRoute } from "@/app/api/v1/integrations/[id]/probes/route";
import { GET as probeReadRoute } from "@/app/api/v1/probes/[id]/route";
import { GET as runRoute } from "@/app/api/v1/probe-runs/[id]/route";
import { startTlsServer, type RunningServer } from "@/lib/tls-probe/testing/servers";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser } from "../support/factories";

process.env.PROBE_ALLOWED_RANGES = "127.0.0.0/8";
process.env.PROBE_TIMEOUT_MS = "2000";
// The test servers' certificates come from a test CA: trusted, as an internal CA would be.
const caFile = path.join(os.tmpdir(), `trb-probes-ca-${process.pid}.pem`);
fs.writeFileSync(caFile, await testCaPem());
process.env.PROBE_CA_BUNDLE = caFile;

let modern: RunningServer;
let legacy: RunningServer;
const workers: Worker[] = [];

beforeAll(async () => {
  modern = await startTlsServer({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3" });
  legacy = await startTlsServer({ minVersion: "TLSv1", maxVersion: "TLSv1", keyType: "rsa" });
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await stopQueue();
  await Promise.all([modern.close(), legacy.close()]);
  for (const front of cleanupServers) front.close();
});

async function worker(onProbe?: (id: string, outcome: string) => void) {
  const w = await startWorker({
    url: process.env.DATABASE_URL!,
    probeConcurrency: 4,
    schedules: false,
    observe: (e) => e.queue === "probe" && onProbe?.(e.jobId, e.outcome),
  });
  workers.push(w);
  return w;
}

const cleanupServers: net.Server[] = [];

/** A front for `server` on another port that holds each connection 100 ms before passing it on. */
async function slowFront(server: RunningServer): Promise<net.Server & { host: string; port: number }> {
  const front = net.createServer((socket) => {
    socket.pause();
    setTimeout(() => {
      const upstream = net.connect(server.port, server.host);
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
      socket.pipe(upstream).pipe(socket);
      socket.resume();
    }, 100);
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  return Object.assign(front, { host: "127.0.0.1", port: (front.address() as net.AddressInfo).port });
}

async function waitFor<T>(fn: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const endpointOf = (s: { host: string; port: number }) => ({ endpointHost: s.host, endpointPort: s.port });

describe("probing through the queue", () => {
  it("probes one integration over the API and stores the evidence that makes it ready", async () => {
    await worker();
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const row = await makeIntegration({ category: "outbound_callout", ...endpointOf(modern) });
    expect((await getReadiness(admin, row.id)).readiness.verdict).toBe("not_probed");
    const queued = await call(probeRoute, { method: "POST", token, params: { id: row.id } });
    expect(queued.status).toBe(202);
    const probe = await waitFor(
      async () => (await call(probeReadRoute, { token, params: { id: queued.json.id } })).json,
      (p) => p.status === "done",
    );
    expect(probe).toMatchObject({ handshakeVersion: "TLSv1.3", errorKind: null, acceptsTls10: false, attempts: 1 });
    expect(probe.result.protocols["TLSv1.2"].supported).toBe(true);
    const readiness = (await getReadiness(admin, row.id)).readiness;
    expect(readiness.verdict).toBe("ready");
    expect(readiness.reason).toMatch(/Negotiated TLS 1.3 in a real handshake/);
    const history = await call(historyRoute, { token, params: { id: row.id } });
    expect(history.json.data).toHaveLength(1);
  });

  it("judges a TLS 1.0-only endpoint not ready, and explains why", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const row = await makeIntegration({ category: "outbound_callout", ...endpointOf(legacy) });
    const run = await enqueueProbes(admin, { integrationIds: [row.id] }, "single", "test");
    await waitFor(() => runProgress(admin, run.runId), (p) => p.finished);
    const { readiness } = await getReadiness(admin, row.id);
    expect(readiness.verdict).toBe("not_ready");
    expect(readiness.reason).toMatch(/newest version is TLS 1.0, below the TLS 1.1 floor/);
    // An admin cannot declare it ready against that evidence.
    await expect(setOverride(admin, row.id, { ready: true, reason: "the vendor says it is fine", version: 1 })).rejects.toThrow(/cannot outweigh/);
  });

  it("shares a run between two workers without running any probe twice", async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    const seen: string[] = [];
    const a = await worker((id) => seen.push(`a:${id}`));
    const b = await worker((id) => seen.push(`b:${id}`));
    const admin = await makeUser({ role: "ADMIN" });
    // Each connection waits 100 ms before it reaches the server: on loopback one worker could
    // otherwise finish all 40 probes before the other has fetched any (it did, once, in CI).
    const [slowModern, slowLegacy] = await Promise.all([slowFront(modern), slowFront(legacy)]);
    cleanupServers.push(slowModern, slowLegacy);
    const rows = await Promise.all(Array.from({ length: 40 }, (_, i) => makeIntegration({ category: "outbound_callout", ...endpointOf(i % 2 ? slowModern : slowLegacy) })));
    const run = await enqueueProbes(admin, { integrationIds: rows.map((r) => r.id) }, "bulk", "40 selected");
    const progress = await waitFor(() => runProgress(admin, run.runId), (p) => p.finished);
    expect(progress).toMatchObject({ total: 40, done: 40, outcomes: { unreachable: 0, meets_floor: 20, below_floor: 20 } });
    const probes = await db.probe.findMany({ where: { runId: run.runId } });
    expect(probes.every((p) => p.status === "done" && p.attempts === 1)).toBe(true);
    // Every probe ran exactly once, and both workers took a share.
    expect(seen).toHaveLength(40);
    expect(new Set(seen.map((s) => s.slice(2))).size).toBe(40);
    expect(seen.some((s) => s.startsWith("a:")) && seen.some((s) => s.startsWith("b:"))).toBe(true);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("counts an endpoint with a certificate problem as not meeting the floor in a run's progress", async () => {
    const expired = await startTlsServer({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3", cert: "expired" });
    await worker();
    try {
      const admin = await makeUser({ role: "ADMIN" });
      const good = await makeIntegration({ category: "api", ...endpointOf(modern) });
      const bad = await makeIntegration({ category: "api", ...endpointOf(expired) });
      const run = await enqueueProbes(admin, { integrationIds: [good.id, bad.id] }, "bulk", "two");
      const progress = await waitFor(() => runProgress(admin, run.runId), (p) => p.finished);
      expect(progress).toMatchObject({ total: 2, done: 2, outcomes: { unreachable: 0, meets_floor: 1, certificate: 1 } });
      expect((await getReadiness(admin, bad.id)).readiness.verdict).toBe("certificate");
      // Nothing left to cancel: the run stays finished, not cancelled.
      expect(await cancelRun(admin, run.runId)).toEqual({ cancelled: 0 });
      expect(await runProgress(admin, run.runId)).toMatchObject({ finished: true, cancelledAt: null });
    } finally {
      await expired.close();
    }
  });

  it("refuses a selection naming integrations that no longer exist, and says how many", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const row = await makeIntegration({ category: "api", ...endpointOf(modern) });
    const runsBefore = await db.probeRun.count();
    await expect(enqueueProbes(admin, { integrationIds: [row.id, crypto.randomUUID()] }, "bulk", "two")).rejects.toThrow(/1 of the 2 selected integrations no longer exist/);
    expect(await db.probeRun.count()).toBe(runsBefore);
  });

  it("cancels what has not started; workers skip cancelled probes", async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await stopQueue();
    const admin = await makeUser({ role: "ADMIN" });
    const rows = await Promise.all(Array.from({ length: 5 }, () => makeIntegration({ category: "api", ...endpointOf(modern) })));
    const run = await enqueueProbes(admin, { integrationIds: rows.map((r) => r.id) }, "bulk", "five");
    expect(await cancelRun(admin, run.runId)).toEqual({ cancelled: 5 });
    await worker();
    await new Promise((r) => setTimeout(r, 1500));
    const progress = await runProgress(admin, run.runId);
    expect(progress).toMatchObject({ outcomes: { cancelled: 5 }, done: 0, finished: true });
  });

  it("forgets the evidence when the endpoint changes, and ignores a late probe of the old one", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const row = await makeIntegration({ category: "outbound_callout", ...endpointOf(modern) });
    const run = await enqueueProbes(admin, { integrationIds: [row.id] }, "single", "x");
    await waitFor(() => runProgress(admin, run.runId), (p) => p.finished);
    expect((await getReadiness(admin, row.id)).readiness.verdict).toBe("ready");
    // An admin's declaration about the old endpoint goes with it.
    await setOverride(admin, row.id, { ready: true, reason: "vendor letter of 12 Feb", version: 1 });
    const current = await db.integration.findUniqueOrThrow({ where: { id: row.id } });
    await updateIntegration(admin, row.id, { version: current.version, endpointPort: legacy.port });
    expect((await getReadiness(admin, row.id)).readiness.verdict).toBe("not_probed");
    expect(await db.auditLog.count({ where: { entityId: row.id, action: "integration.override_cleared" } })).toBe(1);
    // A probe queued for the modern endpoint earlier, finishing now, is history but not evidence.
    const stale = await db.probe.create({
      data: { integrationId: row.id, host: modern.host, port: modern.port, floor: "TLSv1_1", queuedAt: new Date(), status: "queued" },
    });
    const { executeProbe } = await import("@/lib/probes/execute");
    expect(await executeProbe(stale.id)).toBe("stored");
    expect((await getReadiness(admin, row.id)).readiness.verdict).toBe("not_probed");
    expect(await executeProbe(stale.id)).toBe("skipped");
    expect((await probeHistory(admin, row.id)).filter((p) => p.status === "done")).toHaveLength(2);
  });

  it("lets members probe only what they own, and never managers", async () => {
    const member = await makeUser();
    const other = await makeUser();
    const mine = await makeIntegration({ category: "outbound_callout", ownerId: member.id, ...endpointOf(modern) });
    const theirs = await makeIntegration({ category: "outbound_callout", ownerId: other.id, ...endpointOf(modern) });
    await expect(enqueueProbes(member, { integrationIds: [theirs.id] }, "single", "x")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(enqueueProbes(member, { integrationIds: [mine.id, theirs.id] }, "bulk", "x")).rejects.toThrow(/1 of the selected belong to someone else/);
    await expect(enqueueProbes(member, { integrationIds: [mine.id] }, "single", "x")).resolves.toMatchObject({ total: 1 });
    const manager = await makeToken(await makeUser({ role: "MANAGER" }));
    expect((await call(probeRoute, { method: "POST", token: manager, params: { id: mine.id } })).status).toBe(403);
    const noEndpoint = await makeIntegration({ category: "browser", ownerId: member.id });
    // A dedicated 422, so the scheduled re-probe can tell "nothing to probe" from a failure.
    const nothing = enqueueProbes(member, { integrationIds: [noEndpoint.id] }, "single", "x");
    await expect(nothing).rejects.toBeInstanceOf(NothingToProbeError);
    await expect(nothing).rejects.toMatchObject({ status: 422, message: `${noEndpoint.name} has no endpoint to probe: add its host and port first.` });
  });

  it("reports a run's progress over the API", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const rows = await Promise.all(Array.from({ length: 3 }, () => makeIntegration({ category: "api", ...endpointOf(modern) })));
    const run = await enqueueProbes(admin, { integrationIds: rows.map((r) => r.id) }, "bulk", "three");
    const final = await waitFor(
      async () => (await call(runRoute, { token, params: { id: run.runId } })).json,
      (p) => p.finished,
    );
    expect(final).toMatchObject({ total: 3, done: 3, outcomes: { queued: 0, running: 0, meets_floor: 3 } });
  });

  it("re-probes every endpoint still in play on schedule", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const active = await makeIntegration({ category: "api", status: "in_progress", ...endpointOf(modern) });
    const retired = await makeIntegration({ category: "api", status: "retired", ...endpointOf(modern) });
    const run = await reprobeEverything();
    const probes = await db.probe.findMany({ where: { runId: run.runId }, select: { integrationId: true, requestedById: true } });
    expect(probes.map((p) => p.integrationId)).toContain(active.id);
    expect(probes.map((p) => p.integrationId)).not.toContain(retired.id);
    expect(probes.every((p) => p.requestedById === null)).toBe(true);
    await waitFor(() => runProgress(admin, run.runId), (p) => p.finished);
  });
});

describe("probe settings", () => {
  it("validate ranges and CA bundles, name the problem, and say when the next re-probe runs", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const bad = await call(settingsRoute, { method: "PUT", token, body: { allowedRanges: ["10.0.0.0/33"], caBundle: "not a certificate", reprobeInterval: "hourly" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["allowedRanges", "caBundle", "reprobeInterval"]);
    expect(bad.json.error.fields.caBundle).toMatch(/no PEM certificate/);
    const saved = await updateProbeSettings(admin, probeSettingsInput.parse({ allowedRanges: ["10.20.0.0/16", "10.20.0.0/16"], caBundle: await testCaPem(), reprobeInterval: "6h" }));
    expect(saved).toMatchObject({ allowedRanges: ["10.20.0.0/16"], reprobeInterval: "6h" });
    expect(await readSetting(REPROBE_INTERVAL)).toBe("6h");
    // The next run is the next quarter past a six-hour boundary on the app's clock.
    const next = saved.nextScheduled!;
    expect([0, 6, 12, 18]).toContain(next.getUTCHours());
    expect(next.getUTCMinutes()).toBe(15);
    expect(next.getTime() - now().getTime()).toBeGreaterThan(0);
    expect(next.getTime() - now().getTime()).toBeLessThanOrEqual(6 * 3_600_000);
    expect(await updateProbeSettings(admin, { ...(await getProbeSettings(admin)), reprobeInterval: "off" })).toMatchObject({ nextScheduled: null });
    const manager = await makeToken(await makeUser({ role: "MANAGER" }));
    expect((await call(settingsRoute, { method: "PUT", token: manager, body: saved })).status).toBe(403);
  });

  it("refuse loopback endpoints unless an allowed range covers them", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    process.env.PROBE_ALLOWED_RANGES = "";
    const { env } = await import("@/lib/env");
    const before = env().PROBE_ALLOWED_RANGES;
    before.splice(0, before.length);
    try {
      const row = await makeIntegration({ category: "outbound_callout", ...endpointOf(modern) });
      await updateProbeSettings(admin, { allowedRanges: [], caBundle: "", reprobeInterval: "24h" });
      const run = await enqueueProbes(admin, { integrationIds: [row.id] }, "single", "x");
      await waitFor(() => runProgress(admin, run.runId), (p) => p.finished);
      const probe = await db.probe.findFirstOrThrow({ where: { runId: run.runId } });
      expect(probe.errorKind).toBe("blocked_by_policy");
      expect((await getReadiness(admin, row.id)).readiness.reason).toMatch(/could not complete/);
    } finally {
      before.push("127.0.0.0/8");
    }
  });
});
