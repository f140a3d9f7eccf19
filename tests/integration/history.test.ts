// Daily snapshots against a real Postgres: a history made through the real services over several
// days (creations, edits, a declaration, probes, ticks, a retirement, a deletion), a live snapshot
// taken at the end of each day, then every day reconstructed from the audit log and the probe
// history: each reconstructed day must equal the live snapshot of that day. And idempotence.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, readRows } from "@/lib/db";
import { createIntegration, deleteIntegration, updateIntegration } from "@/lib/integrations/service";
import { createIntegrationInput } from "@/lib/integrations/schemas";
import { setOverride } from "@/lib/readiness/override";
import { tickItem } from "@/lib/checklists/tick";
import { backfillSnapshots, takeSnapshot } from "@/lib/history/snapshots";
import { SNAPSHOT_CADENCE, snapshotDay } from "@/lib/history/jobs";
import { jobHandlers, schedules } from "@/lib/jobs/catalog";
import { latestSlot } from "@/lib/jobs/schedule";
import { makeCampaign, makeUser, unique, type TestUser } from "../support/factories";
import { addTemplate, itemOf, storeProbe } from "../support/checklists";

const DAYS = ["2017-01-10", "2017-01-11", "2017-01-12", "2017-01-13"];
const at = (day: string, time: string) => new Date(`${day}T${time}Z`);
const setClock = (when: Date) => vi.setSystemTime(when);

let admin: TestUser;
let member: TestUser;
let campaignId: string;

async function rowsOf(day: string) {
  return readRows<Record<string, unknown>>(
    `SELECT category, owner, total, verdicts, bases, tls10, tls11, tls12, tls13, cert30, cert60, cert90, items_done, items_total, items_ticked, added, retired
       FROM readiness_snapshot_rows WHERE campaign_id = $1::uuid AND day = $2::date ORDER BY category, owner`,
    [campaignId, day],
  );
}
const all = async (day: string) => (await rowsOf(day)).find((r) => r.category === "*" && r.owner === "*")!;

async function create(name: string, fields: Record<string, unknown>) {
  return createIntegration(admin, createIntegrationInput.parse({ name: unique(name), ...fields }));
}

const live: Record<string, Record<string, unknown>[]> = {};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  setClock(at("2017-01-09", "08:00:00"));
  admin = await makeUser({ role: "ADMIN" });
  member = await makeUser({ role: "MEMBER" });
  campaignId = (await makeCampaign({ dueAt: new Date("2017-03-04T17:30:00Z") })).id;
  await addTemplate(admin, campaignId, { category: "api", title: "Identify the runtime" });

  // Day 1: three integrations; the call-out is probed below the floor.
  setClock(at(DAYS[0], "09:00:00"));
  const callout = await create("SSO", { category: "outbound_callout", endpointHost: "sso.example.com", ownerId: member.id });
  const api = await create("ERP", { category: "api", ownerId: member.id });
  const browser = await create("Browsers", { category: "browser" });
  await storeProbe(callout, { handshakeVersion: "TLSv1", finishedAt: at(DAYS[0], "10:00:00") });
  setClock(at(DAYS[0], "23:55:00"));
  await takeSnapshot(campaignId, DAYS[0], "live");

  // Day 2: the API is declared ready and its item ticked; the browsers get an owner; a relay is added.
  setClock(at(DAYS[1], "09:00:00"));
  const apiNow = await db.integration.findUniqueOrThrow({ where: { id: api.id } });
  await setOverride(admin, api.id, { ready: true, reason: "Vendor confirmed TLS 1.2 in writing", version: apiNow.version });
  const item = await itemOf((await db.checklistTemplate.findFirstOrThrow({ where: { campaignId } })).id, api.id);
  await tickItem(member, item.id, { done: true, version: item.version });
  const b = await db.integration.findUniqueOrThrow({ where: { id: browser.id } });
  await updateIntegration(admin, browser.id, { ownerId: member.id, version: b.version });
  const relay = await create("Relay", { category: "email_relay", endpointHost: "mail.example.com", endpointPort: 25, starttls: "smtp" });
  setClock(at(DAYS[1], "23:55:00"));
  await takeSnapshot(campaignId, DAYS[1], "live");

  // Day 3: the call-out now meets the floor (with a certificate expiring in 20 days); the relay is
  // retired; the browsers' owner is removed again.
  setClock(at(DAYS[2], "09:00:00"));
  await storeProbe(callout, { handshakeVersion: "TLSv1_2", finishedAt: at(DAYS[2], "10:00:00") });
  await db.probe.updateMany({ where: { integrationId: callout.id, handshakeVersion: "TLSv1_2" }, data: { certNotAfter: at("2017-02-01", "00:00:00"), result: { protocols: { TLSv1: { supported: true }, "TLSv1.1": { supported: true }, "TLSv1.2": { supported: true }, "TLSv1.3": { supported: false } } } } });
  const r = await db.integration.findUniqueOrThrow({ where: { id: relay.id } });
  await updateIntegration(admin, relay.id, { status: "retired", version: r.version });
  const b2 = await db.integration.findUniqueOrThrow({ where: { id: browser.id } });
  await updateIntegration(admin, browser.id, { ownerId: null, version: b2.version });
  setClock(at(DAYS[2], "23:55:00"));
  await takeSnapshot(campaignId, DAYS[2], "live");

  // Day 4: the API's item is unticked, its declaration withdrawn, and the browsers deleted.
  setClock(at(DAYS[3], "09:00:00"));
  const item2 = await db.checklistItem.findUniqueOrThrow({ where: { id: item.id } });
  await tickItem(member, item.id, { done: false, version: item2.version });
  const api2 = await db.integration.findUniqueOrThrow({ where: { id: api.id } });
  await setOverride(admin, api.id, { ready: false, reason: "", version: api2.version });
  await deleteIntegration(admin, browser.id);
  setClock(at(DAYS[3], "23:55:00"));
  await takeSnapshot(campaignId, DAYS[3], "live");
  for (const day of DAYS) live[day] = await rowsOf(day);
  setClock(at("2017-01-20", "12:00:00"));
});

afterAll(() => {
  vi.useRealTimers();
});

describe("a live snapshot", () => {
  it("counts each day's verdicts, bases, protocols, certificates, items and scope changes", async () => {
    expect(live[DAYS[0]].find((r) => r.category === "*" && r.owner === "*")).toMatchObject({
      total: 3, added: 3, retired: 0, tls10: 0, items_total: 1, items_done: 0,
      verdicts: expect.objectContaining({ not_ready: 1, unverified: 2, ready: 0 }),
    });
    expect(live[DAYS[1]].find((r) => r.category === "*" && r.owner === "*")).toMatchObject({
      total: 4, added: 1, items_done: 1, items_ticked: 1,
      verdicts: expect.objectContaining({ not_ready: 1, ready: 1, unverified: 1, not_probed: 1 }),
      bases: expect.objectContaining({ declared: 1, proven: 0 }),
    });
    expect(live[DAYS[2]].find((r) => r.category === "*" && r.owner === "*")).toMatchObject({
      total: 3, retired: 1, tls10: 1, tls11: 1, tls12: 1, tls13: 0, cert30: 1, cert60: 1, cert90: 1,
      verdicts: expect.objectContaining({ ready: 2, retired: 1 }),
      bases: expect.objectContaining({ declared: 1, proven: 1 }),
    });
    expect(live[DAYS[3]].find((r) => r.category === "*" && r.owner === "*")).toMatchObject({ total: 2, retired: 1, items_done: 0 });
    // Slices: by category, by owner, by both; the browsers had an owner on day 2 only.
    expect(live[DAYS[1]].find((r) => r.category === "browser" && r.owner === member.id)).toMatchObject({ total: 1 });
    expect(live[DAYS[2]].find((r) => r.category === "browser" && r.owner === "-")).toMatchObject({ total: 1 });
    expect(live[DAYS[1]].find((r) => r.category === "*" && r.owner === member.id)).toMatchObject({ total: 3 });
  });

  it("is idempotent: taking a day again replaces it, one snapshot per campaign and day", async () => {
    await takeSnapshot(campaignId, DAYS[3], "live");
    await takeSnapshot(campaignId, DAYS[3], "live");
    expect(await rowsOf(DAYS[3])).toEqual(live[DAYS[3]]);
    const [{ n }] = await readRows<{ n: number }>(`SELECT count(*)::int AS n FROM readiness_snapshots WHERE campaign_id = $1::uuid AND day = $2::date`, [campaignId, DAYS[3]]);
    expect(n).toBe(1);
  });
});

describe("the backfill", () => {
  it("reconstructs each past day exactly as the live snapshot of that day recorded it", async () => {
    await db.readinessSnapshot.deleteMany({ where: { campaignId } });
    const result = await backfillSnapshots(campaignId, { until: DAYS[3] });
    expect(result).toMatchObject({ from: "2017-01-09", to: DAYS[3], filled: 5 });
    for (const day of DAYS) expect({ day, rows: await rowsOf(day) }).toEqual({ day, rows: live[day] });
    const sources = await db.readinessSnapshot.findMany({ where: { campaignId }, select: { source: true } });
    expect(new Set(sources.map((s) => s.source))).toEqual(new Set(["reconstructed"]));
  });

  it("fills only missing days and keeps live ones", async () => {
    await takeSnapshot(campaignId, DAYS[3], "live");
    await db.readinessSnapshot.deleteMany({ where: { campaignId, day: new Date(`${DAYS[1]}T00:00:00Z`) } });
    expect(await backfillSnapshots(campaignId, { until: DAYS[3] })).toMatchObject({ filled: 1, from: DAYS[1], to: DAYS[1] });
    expect(await rowsOf(DAYS[1])).toEqual(live[DAYS[1]]);
    const last = await db.readinessSnapshot.findFirstOrThrow({ where: { campaignId, day: new Date(`${DAYS[3]}T00:00:00Z`) } });
    expect(last.source).toBe("live");
    expect(await backfillSnapshots(campaignId, { until: DAYS[3] })).toMatchObject({ filled: 0 });
  });

  it("defaults to every day up to yesterday on the app's clock", async () => {
    expect(await backfillSnapshots(campaignId)).toMatchObject({ from: "2017-01-14", to: "2017-01-19", filled: 6 });
    expect(await all("2017-01-19")).toMatchObject({ total: 2, added: 0, retired: 0 });
  });
});

describe("the daily job", () => {
  it("is in the worker's catalog, due at 23:55 of each day on the app's clock", () => {
    expect(schedules().map((s) => s.name)).toContain("readiness-snapshot");
    expect(jobHandlers({ probeConcurrency: 1 }).map((h) => h.queue.name)).toContain("readiness-snapshot");
    expect(latestSlot(SNAPSHOT_CADENCE, at("2017-02-20", "09:00:00")).toISOString()).toBe("2017-02-19T23:55:00.000Z");
  });

  it("takes the slot's day live at 23:55 and fills the days missed before it", async () => {
    setClock(at("2017-01-22", "23:55:30"));
    expect(await snapshotDay(at("2017-01-22", "23:55:00"))).toBe(3);
    const days = await db.readinessSnapshot.findMany({ where: { campaignId, day: { gte: new Date("2017-01-20T00:00:00Z") } }, orderBy: { day: "asc" } });
    expect(days.map((d) => [d.day.toISOString().slice(0, 10), d.source])).toEqual([
      ["2017-01-20", "reconstructed"],
      ["2017-01-21", "reconstructed"],
      ["2017-01-22", "live"],
    ]);
  });

  it("reconstructs a slot fired after its day ended, since the tables have moved on", async () => {
    setClock(at("2017-01-24", "08:00:00"));
    expect(await snapshotDay(at("2017-01-23", "23:55:00"))).toBe(1);
    expect((await db.readinessSnapshot.findFirstOrThrow({ where: { campaignId, day: new Date("2017-01-23T00:00:00Z") } })).source).toBe("reconstructed");
  });
});
