// The notification routes under /api/v1, through API tokens: what they answer and how they refuse
// bad input (the role checks of every route are in permissions-api.test.ts).
// The receiver listens on loopback: the target policy, which webhooks follow, must allow it.
process.env.PROBE_ALLOWED_RANGES = "127.0.0.0/8";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/api";
import { makeCampaign, makeToken, makeUser } from "../support/factories";
import { startWebhookReceiver } from "../support/webhook-receiver";
import { GET as listDeliveriesRoute } from "@/app/api/v1/deliveries/route";
import { GET as deliveryRoute } from "@/app/api/v1/deliveries/[id]/route";
import { POST as retryRoute } from "@/app/api/v1/deliveries/[id]/retry/route";
import { GET as webhooksRoute, POST as addWebhookRoute } from "@/app/api/v1/webhooks/route";
import { PATCH as webhookRoute } from "@/app/api/v1/webhooks/[id]/route";
import { POST as testRoute } from "@/app/api/v1/webhooks/[id]/test/route";
import { GET as myPrefsRoute, PUT as setMyPrefsRoute } from "@/app/api/v1/me/notifications/route";
import { PUT as remindersRoute } from "@/app/api/v1/campaigns/[id]/reminders/route";
import { db } from "@/lib/db";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let admin: string;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  admin = await makeToken(await makeUser({ role: "ADMIN" }));
});
afterAll(() => receiver.close());

describe("webhooks and the delivery log over the API", () => {
  it("adds a webhook (201, the secret once), tests it, lists it without the secret, and shows the call in the log", async () => {
    const bad = await call(addWebhookRoute, { method: "POST", token: admin, body: { name: "", url: "ftp://x" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toEqual({ name: "is required", url: "must be an http:// or https:// URL, e.g. https://hooks.slack.com/services/…" });

    const added = await call(addWebhookRoute, { method: "POST", token: admin, body: { name: "API hook", url: receiver.url } });
    expect(added.status).toBe(201);
    expect(added.json.secret).toMatch(/^whsec_/);
    const listed = await call(webhooksRoute, { token: admin });
    expect(listed.json.data.find((w: { id: string }) => w.id === added.json.id)).toMatchObject({ name: "API hook", url: receiver.url, enabled: true });
    expect(JSON.stringify(listed.json)).not.toContain(added.json.secret);

    const tested = await call(testRoute, { method: "POST", token: admin, params: { id: added.json.id } });
    expect(tested.json).toMatchObject({ outcome: "sent", answer: "200 OK: ok" });
    const log = await call(listDeliveriesRoute, { token: admin, path: "/api/v1/deliveries?status=sent" });
    expect(log.json.data.map((d: { id: string }) => d.id)).toContain(tested.json.deliveryId);
    const one = await call(deliveryRoute, { token: admin, params: { id: tested.json.deliveryId } });
    expect(one.json.payload).toMatchObject({ event: "test", data: { webhook: "API hook" } });

    const retry = await call(retryRoute, { method: "POST", token: admin, params: { id: tested.json.deliveryId } });
    expect(retry.status).toBe(409);
    const disabled = await call(webhookRoute, { method: "PATCH", token: admin, params: { id: added.json.id }, body: { enabled: false } });
    expect(disabled.json).toEqual({ id: added.json.id, enabled: false });
  });
});

describe("preferences and lead times over the API", () => {
  it("a member changes only the kinds they send; a bad kind is refused by name", async () => {
    const member = await makeToken(await makeUser());
    expect((await call(myPrefsRoute, { token: member })).json).toEqual({ preferences: { reminder: true, regression: true, weekly_summary: true } });
    const set = await call(setMyPrefsRoute, { method: "PUT", token: member, body: { preferences: { regression: false } } });
    expect(set.json).toEqual({ preferences: { reminder: true, regression: false, weekly_summary: true } });
    const bad = await call(setMyPrefsRoute, { method: "PUT", token: member, body: { preferences: { everything: false } } });
    expect(bad.status).toBe(422);
  });

  it("an admin sets a campaign's lead times: sorted, without repeats; nonsense is refused and nothing stored", async () => {
    const campaign = await makeCampaign();
    const ok = await call(remindersRoute, { method: "PUT", token: admin, params: { id: campaign.id }, body: { leadDays: [3, 21, 7, 3] } });
    expect(ok.json).toEqual({ id: campaign.id, leadDays: [21, 7, 3] });
    const bad = await call(remindersRoute, { method: "PUT", token: admin, params: { id: campaign.id }, body: { leadDays: [7, 0] } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toEqual({ "leadDays.1": "each must be at least 1 day" });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).reminderLeadDays).toEqual([21, 7, 3]);
  });
});
