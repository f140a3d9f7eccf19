// Notifications against a real SMTP server started here: the digest each
// owner gets, once-only recording, preferences, regressions to owner and admins, the weekly
// summary. Webhooks and who may manage them: notifications-webhooks.test.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { simpleParser } from "mailparser";
import { startMailSink, type MailSink } from "@/lib/notifications/testing/mail-sink";
import { call } from "../support/api";

const { db } = await import("@/lib/db");
const { makeCampaign, makeIntegration, makeToken, makeUser } = await import("../support/factories");
const { addTemplate, instantiate, itemOf, storeProbe } = await import("../support/checklists");
const { tickItem } = await import("@/lib/checklists/tick");
const { queryList } = await import("@/lib/integrations/query");
const { listQuerySchema } = await import("@/lib/integrations/schemas");
const { scanOccasions } = await import("@/lib/notifications/scan");
const { attemptDelivery } = await import("@/lib/notifications/deliveries");
const { setMyPreferences, myPreferences } = await import("@/lib/notifications/preferences");
const { setLeadTimes } = await import("@/lib/notifications/lead-times");
const { setActiveCampaign } = await import("@/lib/campaigns/service");
const { backfillSnapshots } = await import("@/lib/history/snapshots");
const { projectionSentence } = await import("@/lib/history/projection");
const { GET: burndownRoute } = await import("@/app/api/v1/charts/burndown/route");

const DAY = 86_400_000;
// The demo's clock: a Monday, 09:00.
const AT = new Date("2017-02-20T09:00:00Z");

let sink: MailSink;
beforeAll(async () => {
  sink = await startMailSink();
  // Read once, on the first message sent (lib/env.ts).
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_FROM = "Readiness <readiness@example.test>";
  process.env.NEXTAUTH_URL = "https://readiness.example.test";
});
afterAll(async () => {
  await sink.close();
});

const deliveriesTo = (userId: string) => db.delivery.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

async function sendAll(ids: string[]) {
  for (const id of ids) expect((await attemptDelivery(id)).outcome).toBe("sent");
}

async function mailTo(address: string) {
  const raw = sink.received.filter((m) => m.to.includes(address));
  return Promise.all(raw.map((m) => simpleParser(m.raw)));
}

describe("milestone reminders", () => {
  it("send each owner with open work one digest of their integrations, verdicts, reasons and open items; nothing to owners with nothing open", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const campaign = await makeCampaign({ dueAt: new Date(AT.getTime() + 5 * DAY) });
    const template = await addTemplate(admin, campaign.id, { category: "api", title: "Upgrade the Java runtime to 8" });
    const busy = await makeUser({ name: "Busy Owner" });
    const done = await makeUser({ name: "Done Owner" });
    const unprobed = await instantiate(makeIntegration({ name: "Billing API", ownerId: busy.id, endpointHost: "billing.example.com" }));
    const declared = await makeIntegration({ name: "Finished thing", category: "browser", ownerId: done.id });
    await db.integration.update({ where: { id: declared.id }, data: { overrideReady: true, overrideReason: "Checked by hand", overrideFloor: "TLSv1_1", overrideById: admin.id } });
    await makeIntegration({ name: "Old portal", ownerId: done.id, status: "retired" });

    const first = await scanOccasions(AT, { send: false });
    expect(first.recorded).toBeGreaterThan(0);
    const [digest, ...more] = await deliveriesTo(busy.id);
    expect(more).toEqual([]);
    expect(await deliveriesTo(done.id)).toEqual([]);
    // 5 days ahead: the 7-day lead is the latest one passed.
    expect(digest.occasionKey).toBe(`reminder:${campaign.milestones[0].id}@${campaign.milestones[0].dueAt.toISOString()}:7d|user:${busy.id}`);
    expect(digest).toMatchObject({ channel: "email", recipient: busy.email, status: "queued", kind: "reminder" });
    expect(digest.subject).toBe("Production cutoff in 5 days: 1 integration of yours needs work");

    await sendAll([digest.id]);
    const [mail] = await mailTo(busy.email);
    expect(mail.subject).toBe(digest.subject);
    expect(mail.from?.text).toContain("readiness@example.test");
    for (const part of [mail.text ?? "", mail.html || ""]) {
      expect(part).toContain("Billing API");
      expect(part).toContain("Not probed");
      expect(part).toContain("It has an endpoint but no probe of it yet: run one.");
      expect(part).toContain(template.title);
      expect(part).toContain("https://readiness.example.test/my-work");
      expect(part).not.toContain("Finished thing");
    }
    expect(mail.html).toContain(`href="https://readiness.example.test/integrations/${unprobed.id}"`);
    const sent = await db.delivery.findUniqueOrThrow({ where: { id: digest.id } });
    expect(sent).toMatchObject({ status: "sent", attempts: 1 });
    expect(sent.lastAnswer).toMatch(/^250/);

    // Once per recipient and occasion: scanning again records nothing new, sending again sends nothing.
    await scanOccasions(AT, { send: false });
    expect(await deliveriesTo(busy.id)).toHaveLength(1);
    expect((await attemptDelivery(digest.id)).outcome).toBe("already-sent");
    expect(await mailTo(busy.email)).toHaveLength(1);

    // The next lead time (3 days) is a new occasion; an owner who finished everything gets nothing.
    await db.checklistItem.updateMany({ where: { integrationId: unprobed.id }, data: { done: true } });
    await storeProbe(unprobed, { handshakeVersion: "TLSv1_2", finishedAt: new Date(AT.getTime() + DAY) });
    await scanOccasions(new Date(AT.getTime() + 3 * DAY), { send: false });
    expect(await deliveriesTo(busy.id)).toHaveLength(1);
  });

  it("give admins the campaign's own open checklist items, which they tick, and nobody else", async () => {
    const admin = await makeUser({ role: "ADMIN", name: "Campaign Admin" });
    const member = await makeUser();
    const campaign = await makeCampaign({ dueAt: new Date(AT.getTime() + 2.5 * DAY) });
    // Adding a campaign-wide template makes its one item, open.
    await addTemplate(admin, campaign.id, { category: null, title: "Enable the critical update in a sandbox" });
    await scanOccasions(AT, { send: false });
    const key = `reminder:${campaign.milestones[0].id}@${campaign.milestones[0].dueAt.toISOString()}:3d`;
    const [digest] = (await deliveriesTo(admin.id)).filter((d) => d.occasionKey.startsWith(key));
    expect(digest.subject).toBe("Production cutoff in 2 days: 1 open item on the campaign's checklist");
    expect(digest.textBody).toContain("The campaign's own checklist");
    expect(digest.textBody).toContain("☐ Enable the critical update in a sandbox");
    expect((await deliveriesTo(member.id)).filter((d) => d.occasionKey.startsWith(key))).toEqual([]);
  });

  it("honour each person's preferences and the campaign's lead times", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const campaign = await makeCampaign({ dueAt: new Date(AT.getTime() + 20 * DAY) });
    const owner = await makeUser();
    await makeIntegration({ ownerId: owner.id, endpointHost: "prefs.example.com" });
    const occasion = (lead: number) => `reminder:${campaign.milestones[0].id}@${campaign.milestones[0].dueAt.toISOString()}:${lead}d|user:${owner.id}`;

    // 20 days ahead: no default lead time (14, 7, 3, 1) has passed; a 21-day one has.
    await scanOccasions(AT, { send: false });
    expect((await deliveriesTo(owner.id)).map((d) => d.occasionKey)).not.toContain(occasion(21));
    expect(await setLeadTimes(admin, campaign.id, [21, 10])).toEqual([21, 10]);

    expect(await setMyPreferences(owner, { reminder: false })).toEqual({ reminder: false, regression: true, weekly_summary: true });
    await scanOccasions(AT, { send: false });
    expect((await deliveriesTo(owner.id)).map((d) => d.occasionKey)).not.toContain(occasion(21));

    await setMyPreferences(owner, { reminder: true });
    expect((await myPreferences(owner)).reminder).toBe(true);
    await scanOccasions(AT, { send: false });
    expect((await deliveriesTo(owner.id)).map((d) => d.occasionKey)).toContain(occasion(21));
  });
});

describe("regressions", () => {
  it("go to the owner and every admin (and webhooks) when an endpoint that met the floor no longer does, once per probe", async () => {
    const owner = await makeUser({ name: "Regressed Owner" });
    const admin = await makeUser({ role: "ADMIN" });
    const quietAdmin = await makeUser({ role: "ADMIN" });
    await setMyPreferences(quietAdmin, { regression: false });
    const integration = await makeIntegration({ name: "Shipping rates", ownerId: owner.id, endpointHost: "rates.example.com" });
    await storeProbe(integration, { handshakeVersion: "TLSv1_2", finishedAt: new Date(AT.getTime() - 7 * DAY) });
    const latest = await storeProbe(integration, { handshakeVersion: "TLSv1", finishedAt: new Date(AT.getTime() - DAY) });

    await scanOccasions(AT, { send: false });
    const key = `regression:floor_lost:${latest.id}`;
    const rows = await db.delivery.findMany({ where: { occasionKey: { startsWith: key } } });
    const to = rows.map((r) => r.userId);
    expect(to).toContain(owner.id);
    expect(to).toContain(admin.id);
    expect(to).not.toContain(quietAdmin.id);
    const mine = rows.find((r) => r.userId === owner.id)!;
    expect(mine.subject).toBe("Regression: Shipping rates no longer meets the floor");
    expect(mine.textBody).toContain("met the TLS 1.1 floor on 2017-02-13; the probe of 2017-02-19 shows its newest version is now TLS 1.0");

    await scanOccasions(AT, { send: false });
    expect(await db.delivery.count({ where: { occasionKey: { startsWith: key } } })).toBe(rows.length);
  });

  it("warn of a certificate within 30, 14 and 7 days of expiry (real time), and of an unreachable endpoint", async () => {
    const owner = await makeUser();
    const integration = await makeIntegration({ ownerId: owner.id, endpointHost: "cert.example.com" });
    await storeProbe(integration, { handshakeVersion: "TLSv1_2", finishedAt: new Date(AT.getTime() - 3 * DAY) });
    const latest = await storeProbe(integration, { handshakeVersion: null, errorKind: "timeout", finishedAt: new Date(AT.getTime() - DAY) });
    await db.probe.update({ where: { id: latest.id }, data: { certNotAfter: new Date(Date.now() + 10 * DAY) } });

    await scanOccasions(AT, { send: false });
    const keys = (await deliveriesTo(owner.id)).map((d) => d.occasionKey.split("|")[0]);
    expect(keys).toContain(`regression:unreachable:${latest.id}`);
    expect(keys.some((k) => k.startsWith(`regression:certificate:${integration.id}:`) && k.endsWith(":14"))).toBe(true);
  });

  it("go to the owner and admins when Login History contradicts a checklist that made an integration ready, once per sign-in", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const owner = await makeUser({ name: "Checklist Owner" });
    const campaign = await makeCampaign();
    await setActiveCampaign(admin, campaign.id);
    const verify = await addTemplate(admin, campaign.id, { category: "api", title: "Login History shows no TLS 1.0 sign-in", verification: true, evidence: "note" });
    // An API client with no endpoint a probe could test: its checklist is its proof.
    const client = await instantiate(makeIntegration({ name: "Desktop data loader", category: "api", ownerId: owner.id }));
    const item = await itemOf(verify.id, client.id);
    const ticked = await tickItem(owner, item.id, { done: true, note: "No TLS 1.0 sign-ins since the upgrade", version: item.version });
    const completedAt = new Date(ticked.doneAt!);
    const verdictOf = async () => (await queryList(listQuerySchema.parse({ q: "Desktop data loader" }), admin, { floor: "TLSv1.1", now: new Date() })).data[0].readiness;
    expect(await verdictOf()).toMatchObject({ verdict: "ready", basis: "checklist" });
    const occasion = (legacy: Date) => `regression:login_history:${client.id}:${legacy.toISOString()}`;
    // Every admin who has not turned regressions off (an earlier test has one who did).
    const wanting = (await db.user.findMany({ where: { role: "ADMIN", disabled: false, notificationPrefs: { none: { kind: "regression", enabled: false } } }, select: { id: true } })).map((a) => a.id);
    expect(wanting).toContain(admin.id);

    // A sign-in before the checklist was completed does not contradict it.
    const before = new Date(completedAt.getTime() - DAY);
    await db.integration.update({ where: { id: client.id }, data: { legacyLoginAt: before } });
    await scanOccasions(AT, { send: false });
    expect(await db.delivery.count({ where: { occasionKey: { startsWith: "regression:login_history:" + client.id } } })).toBe(0);

    // The import records a TLS 1.0 sign-in a day after completion: the verdict turns not ready.
    const later = new Date(completedAt.getTime() + DAY);
    await db.integration.update({ where: { id: client.id }, data: { legacyLoginAt: later } });
    expect((await verdictOf()).verdict).toBe("not_ready");
    await scanOccasions(AT, { send: false });
    const rows = await db.delivery.findMany({ where: { occasionKey: { startsWith: occasion(later) } } });
    expect(rows.map((r) => r.userId).sort()).toEqual([owner.id, ...wanting].sort());
    expect(rows.every((r) => r.kind === "regression" && r.channel === "email")).toBe(true);
    const mine = rows.find((r) => r.userId === owner.id)!;
    expect(mine.subject).toBe("Regression: Desktop data loader is contradicted by Login History");
    expect(mine.textBody).toContain(`Its checklist was completed on ${completedAt.toISOString().slice(0, 10)}, but Login History shows a sign-in over TLS 1.0 on ${later.toISOString().slice(0, 10)}`);

    // Scanning again sends nothing new; a newer sign-in is a new occasion.
    await scanOccasions(AT, { send: false });
    expect(await db.delivery.count({ where: { occasionKey: { startsWith: "regression:login_history:" + client.id } } })).toBe(rows.length);
    const newer = new Date(later.getTime() + DAY);
    await db.integration.update({ where: { id: client.id }, data: { legacyLoginAt: newer } });
    await scanOccasions(AT, { send: false });
    expect(await db.delivery.count({ where: { occasionKey: { startsWith: occasion(newer) } } })).toBe(rows.length);
  });
});

describe("the weekly summary", () => {
  it("goes to managers on Monday with the charts' burn-down sentence, what moved and what is at risk", async () => {
    // The campaign starts three weeks before the demo's Monday, so its past days can be
    // reconstructed into the daily snapshots the charts read.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date(AT.getTime() - 21 * DAY));
      const admin = await makeUser({ role: "ADMIN", name: "Declaring Admin" });
      const campaign = await makeCampaign();
      await setActiveCampaign(admin, campaign.id);
      const manager = await makeUser({ role: "MANAGER", name: "Weekly Manager" });
      const member = await makeUser();
      // Eight API clients: six reach the floor, one every two days from 3 February; two stay at TLS 1.0.
      for (let i = 0; i < 8; i++) {
        const client = await makeIntegration({ name: `Weekly client ${i}`, ownerId: member.id, endpointHost: `weekly${i}.example.com` });
        await storeProbe(client, { handshakeVersion: i < 6 ? "TLSv1_2" : "TLSv1", finishedAt: new Date(Date.UTC(2017, 1, 3 + 2 * i, 10)) });
      }
      const moved = await makeIntegration({ name: "Moved integration", ownerId: member.id, endpointHost: "moved.example.com" });
      await storeProbe(moved, { handshakeVersion: "TLSv1", finishedAt: new Date(AT.getTime() - 10 * DAY) });
      await storeProbe(moved, { handshakeVersion: "TLSv1_2", finishedAt: new Date(AT.getTime() - 2 * DAY) });
      const declared = await makeIntegration({ name: "Declared integration", category: "browser", ownerId: member.id });
      await db.integration.update({
        where: { id: declared.id },
        data: { overrideReady: true, overrideReason: "Tested by hand", overrideFloor: "TLSv1_1", overrideById: admin.id, overrideAt: new Date(AT.getTime() - DAY) },
      });
      vi.setSystemTime(AT);
      expect(await backfillSnapshots(campaign.id)).toMatchObject({ from: "2017-01-30", to: "2017-02-19" });

      await scanOccasions(AT, { send: false });
      const [summary] = (await deliveriesTo(manager.id)).filter((d) => d.kind === "weekly_summary");
      expect(summary.occasionKey).toBe(`weekly:2017-02-20T08:00:00.000Z|user:${manager.id}`);
      // The sentence the charts tell for the same snapshots: /api/v1/charts/burndown's projection.
      const chart = await call(burndownRoute, { token: await makeToken(manager), path: "/api/v1/charts/burndown" });
      expect(chart.status).toBe(200);
      const sentence = projectionSentence(chart.json.projection, "the production cutoff");
      expect(sentence).toBe("On track: at this pace ready on 2017-02-25, 7 days before the production cutoff.");
      expect(summary.textBody).toContain(sentence);
      expect(summary.htmlBody).toContain(sentence);
      expect(summary.textBody).toContain("Moved integration now meets the floor (probe of 2017-02-18)");
      expect(summary.textBody).toContain("Declared integration declared ready by Declaring Admin");
      expect(summary.textBody).toContain("At risk");
      // Members get no summary.
      expect((await deliveriesTo(member.id)).filter((d) => d.kind === "weekly_summary")).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
