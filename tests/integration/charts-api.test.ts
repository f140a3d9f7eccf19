// /api/v1/charts/* against a seeded history in a real Postgres: integrations added over three
// weeks, probes that make four of them ready one by one, a ticked item, all backfilled into daily
// snapshots; then the shape and the numbers of every series, the shared filters, bad input, and
// who may read them.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { tickItem } from "@/lib/checklists/tick";
import { backfillSnapshots } from "@/lib/history/snapshots";
import { GET as burndownRoute } from "@/app/api/v1/charts/burndown/route";
import { GET as byCategoryRoute } from "@/app/api/v1/charts/by-category/route";
import { GET as byOwnerRoute } from "@/app/api/v1/charts/by-owner/route";
import { GET as protocolsRoute } from "@/app/api/v1/charts/protocols/route";
import { GET as certificatesRoute } from "@/app/api/v1/charts/certificates/route";
import { GET as throughputRoute } from "@/app/api/v1/charts/throughput/route";
import { GET as reportRoute } from "@/app/api/v1/charts/report/route";
import { call } from "../support/api";
import { makeCampaign, makeToken, makeUser, unique, type TestUser } from "../support/factories";
import { addTemplate, instantiate, itemOf, storeProbe } from "../support/checklists";

const at = (iso: string) => new Date(iso);
let owner: TestUser;
let campaign: Awaited<ReturnType<typeof makeCampaign>>;
const tokens: Record<string, string> = {};

const get = (route: Parameters<typeof call>[0], query: Record<string, string> = {}, role = "MANAGER") =>
  call(route, { token: tokens[role], path: `/api/v1/charts/x?${new URLSearchParams({ campaign: campaign.id, ...query })}` });

const supported = (versions: string[]) => ({ protocols: Object.fromEntries(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"].map((v) => [v, { supported: versions.includes(v) }])) });

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at("2017-02-01T08:00:00Z"));
  const admin = await makeUser({ role: "ADMIN" });
  owner = await makeUser({ role: "MEMBER", name: "Olive Owner" });
  for (const role of ["ADMIN", "MANAGER", "MEMBER"]) tokens[role] = await makeToken(role === "MEMBER" ? owner : await makeUser({ role: role as "ADMIN" | "MANAGER" }));
  campaign = await makeCampaign({ dueAt: at("2017-03-04T17:30:00Z") });
  const template = await addTemplate(admin, campaign.id, { category: "outbound_callout", title: "Find the endpoint's owner" });

  // Six call-outs from the start; four become ready on 5, 7, 9 and 11 February, two stay at TLS 1.0.
  const callouts = [];
  for (let i = 0; i < 6; i++) {
    const row = await instantiate(db.integration.create({
      data: { name: unique("Callout"), category: "outbound_callout", ownerId: owner.id, endpointHost: `c${i}.example.com`, endpointPort: 443, createdAt: at("2017-02-01T09:00:00Z") },
    }));
    callouts.push(row);
    const ready = i < 4;
    const probe = await storeProbe(row, { handshakeVersion: ready ? "TLSv1_2" : "TLSv1", finishedAt: at(`2017-02-${String(5 + 2 * i).padStart(2, "0")}T10:00:00Z`) });
    await db.probe.update({
      where: { id: probe.id },
      data: { result: supported(ready ? ["TLSv1", "TLSv1.1", "TLSv1.2"] : ["TLSv1"]), acceptsTls10: true, certNotAfter: i === 0 ? at("2017-03-10T00:00:00Z") : at("2018-01-01T00:00:00Z") },
    });
  }
  // Four browser groups nobody owns arrive on 10 February: scope growth.
  for (let i = 0; i < 4; i++) await db.integration.create({ data: { name: unique("Browsers"), category: "browser", createdAt: at("2017-02-10T12:00:00Z") } });
  // One item ticked on 8 February.
  vi.setSystemTime(at("2017-02-08T15:00:00Z"));
  const item = await itemOf(template.id, callouts[0].id);
  await tickItem(owner, item.id, { done: true, version: item.version });

  vi.setSystemTime(at("2017-02-20T10:00:00Z"));
  expect(await backfillSnapshots(campaign.id)).toMatchObject({ from: "2017-02-01", to: "2017-02-19", filled: 19 });
});

afterAll(() => {
  vi.useRealTimers();
});

describe("GET /api/v1/charts/burndown", () => {
  it("returns exactly { data: [{ date, notReady, ready, total, ideal, projected }], projection: { readyOn, daysLate, pacePerDay } }", async () => {
    const res = await get(burndownRoute);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(["data", "projection"]);
    expect(Object.keys(res.json.projection).sort()).toEqual(["daysLate", "pacePerDay", "readyOn"]);
    for (const row of res.json.data) expect(Object.keys(row).sort()).toEqual(["date", "ideal", "notReady", "projected", "ready", "total"]);
    const day = (d: string) => res.json.data.find((r: { date: string }) => r.date === d);
    expect(res.json.data[0]).toMatchObject({ date: "2017-02-01", notReady: 6, ready: 0, total: 6, ideal: 6 });
    expect(day("2017-02-05")).toMatchObject({ notReady: 5, ready: 1, total: 6 });
    expect(day("2017-02-10")).toMatchObject({ notReady: 7, ready: 3, total: 10 });
    expect(day("2017-02-19")).toMatchObject({ notReady: 6, ready: 4, total: 10, projected: 6 });
    // Today and the days to the cutoff have no counts yet.
    expect(day("2017-03-04")).toMatchObject({ notReady: null, ready: null, total: null, ideal: 0 });
    // Four made ready and four added within the four weeks, the growth in the last two: the pace is
    // negative, so there is no ready day.
    expect(res.json.projection).toMatchObject({ readyOn: null, daysLate: null });
    expect(res.json.projection.pacePerDay).toBeLessThan(0);
  });

  it("filters by impact area and owner, shared by every series", async () => {
    const callouts = await get(burndownRoute, { category: "outbound_callout" });
    const last = callouts.json.data.find((r: { date: string }) => r.date === "2017-02-19");
    expect(last).toMatchObject({ notReady: 2, ready: 4, total: 6 });
    expect(callouts.json.projection.pacePerDay).toBeGreaterThan(0);
    expect(callouts.json.projection.readyOn).toMatch(/^2017-0\d-\d\d$/);
    const mine = await get(burndownRoute, { owner: "me" }, "MEMBER");
    expect(mine.json.data.find((r: { date: string }) => r.date === "2017-02-19")).toMatchObject({ total: 6 });
    const nobody = await get(burndownRoute, { owner: "none" });
    expect(nobody.json.data.find((r: { date: string }) => r.date === "2017-02-19")).toMatchObject({ total: 4, ready: 0 });
  });

  it("refuses bad filters with a message naming the field, and unknown campaigns and milestones with 404", async () => {
    const bad = await get(burndownRoute, { category: "mainframe", owner: "bob" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["category", "owner"]);
    expect((await get(burndownRoute, { campaign: "7b0c4a4e-6d1f-4a8e-9a49-6b0d2f2b9a10" })).status).toBe(404);
    const other = await makeCampaign();
    const res = await get(burndownRoute, { milestone: other.milestones[0].id });
    expect(res.status).toBe(404);
    expect(res.json.error.message).toMatch(/Milestone/);
  });

  it("measures days late against the chosen milestone", async () => {
    const res = await get(burndownRoute, { category: "outbound_callout", milestone: campaign.milestones[0].id });
    const { readyOn, daysLate } = res.json.projection;
    const expected = Math.round((Date.parse(`${readyOn}T00:00:00Z`) - Date.parse("2017-03-04T00:00:00Z")) / 86_400_000);
    expect(daysLate).toBe(expected);
  });
});

describe("the bar, protocol, certificate and throughput series", () => {
  it("stack verdicts by impact area on the newest day, ready split by its basis", async () => {
    const res = await get(byCategoryRoute);
    expect(res.status).toBe(200);
    expect(res.json.day).toBe("2017-02-19");
    expect(res.json.data.map((d: { category: string }) => d.category)).toEqual(["browser", "outbound_callout"]);
    expect(res.json.data[1]).toMatchObject({ label: "Outbound call-out", total: 6, ready_proven: 4, ready_declared: 0, not_ready: 2 });
    expect(res.json.data[0]).toMatchObject({ total: 4, unverified: 4 });
  });

  it("stack verdicts by owner, nobody included, and follow the category filter", async () => {
    const res = await get(byOwnerRoute);
    expect(res.json.data).toEqual([
      expect.objectContaining({ owner: owner.id, name: "Olive Owner", total: 6, ready_proven: 4 }),
      expect.objectContaining({ owner: "none", name: "Nobody", total: 4 }),
    ]);
    const browsers = await get(byOwnerRoute, { category: "browser" });
    expect(browsers.json.data.map((d: { owner: string }) => d.owner)).toEqual(["none"]);
  });

  it("count endpoints accepting each version day by day, and certificates expiring soon", async () => {
    const protocols = await get(protocolsRoute);
    const on = (d: string) => protocols.json.data.find((r: { date: string }) => r.date === d);
    expect(on("2017-02-04")).toEqual({ date: "2017-02-04", tls10: 0, tls11: 0, tls12: 0, tls13: 0 });
    expect(on("2017-02-19")).toEqual({ date: "2017-02-19", tls10: 6, tls11: 4, tls12: 4, tls13: 0 });
    const certs = await get(certificatesRoute);
    expect(certs.json).toEqual({ day: "2017-02-19", data: [{ days: 30, count: 1 }, { days: 60, count: 1 }, { days: 90, count: 1 }] });
  });

  it("count items ticked per week by impact area", async () => {
    const res = await get(throughputRoute);
    expect(res.json.data.map((w: { week: string }) => w.week)).toEqual(["2017-01-30", "2017-02-06", "2017-02-13"]);
    expect(res.json.data[1]).toMatchObject({ week: "2017-02-06", total: 1, outbound_callout: 1 });
    expect(res.json.data[0].total + res.json.data[2].total).toBe(0);
  });
});

describe("GET /api/v1/charts/report", () => {
  it("downloads the report's numbers as CSV: headline, projection, burn-down, impact areas and the integrations at risk with owner and reason", async () => {
    const res = await call(reportRoute, { token: tokens.MANAGER, path: `/api/v1/charts/report?campaign=${campaign.id}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="readiness-report-2017-02-20\.csv"/);
    const text = res.json as string;
    const sections = text.replace(/^\uFEFF/, "").split("\r\n\r\n").map((s) => s.split("\r\n").filter(Boolean));
    expect(sections.map((s) => s[0])).toEqual(["Report", "Headline", "Projection", "Burn-down", "By impact area (2017-02-19)", "At risk"]);
    const headline = Object.fromEntries(sections[1].slice(2).map((l) => l.split(",")));
    expect(headline).toMatchObject({ "in scope": "10", Ready: "4", "Not ready": "2", Unverified: "4" });
    expect(sections[3]).toContain("2017-02-19,6,4,10,4.19,6");
    const atRisk = sections[5].slice(2);
    expect(atRisk).toHaveLength(2);
    for (const line of atRisk) expect(line).toMatch(/^Callout-[^,]+,Outbound call-out,Olive Owner,Not ready,.*below the TLS 1\.1 floor/);
  });

  it("follows the filters: nothing at risk among the browsers", async () => {
    const res = await call(reportRoute, { token: tokens.MEMBER, path: `/api/v1/charts/report?campaign=${campaign.id}&category=browser` });
    const sections = (res.json as string).split("\r\n\r\n");
    expect(sections.at(-1)!.trim().split("\r\n")).toHaveLength(2);
  });
});

describe("who may read them", () => {
  it("admins, managers and members alike", async () => {
    for (const role of ["ADMIN", "MANAGER", "MEMBER"]) {
      for (const route of [burndownRoute, byCategoryRoute, byOwnerRoute, protocolsRoute, certificatesRoute, throughputRoute]) {
        expect((await get(route, {}, role)).status, role).toBe(200);
      }
    }
    expect((await call(burndownRoute, { path: "/api/v1/charts/burndown", token: "trb_not-a-real-token" })).status).toBe(401);
  });
});
