// Webhooks against a real HTTP receiver started here: signed payloads, refusals recorded with the
// receiver's answer and retried by hand, and who may manage webhooks, the log and preferences.
// The receiver listens on loopback: the target policy, which webhooks follow, must allow it.
process.env.PROBE_ALLOWED_RANGES = "127.0.0.0/8";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver } from "../support/webhook-receiver";

const { db } = await import("@/lib/db");
const { makeCampaign, makeUser } = await import("../support/factories");
const { setMyPreferences } = await import("@/lib/notifications/preferences");
const { addWebhook, sendTestWebhook, setWebhookEnabled, listWebhooks } = await import("@/lib/notifications/webhooks");
const { listDeliveries, retryDelivery } = await import("@/lib/notifications/log");
const { setLeadTimes } = await import("@/lib/notifications/lead-times");
const { verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } = await import("@/lib/notifications/signature");
const { ForbiddenError } = await import("@/lib/errors");

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe("webhooks", () => {
  it("receive a signed JSON payload with a Slack-compatible text; the signature verifies and a tampered body does not", async () => {
    const admin = await makeUser({ role: "ADMIN", name: "Hook Admin" });
    const { id, secret } = await addWebhook(admin, { name: "Team channel", url: receiver.url });
    const result = await sendTestWebhook(admin, id);
    expect(result).toMatchObject({ outcome: "sent", answer: "200 OK: ok" });
    const call = receiver.calls.at(-1)!;
    const payload = JSON.parse(call.body);
    expect(payload).toMatchObject({ event: "test", data: { webhook: "Team channel", by: "Hook Admin" } });
    expect(payload.text).toContain("Test call to “Team channel”");
    const signature = call.headers[SIGNATURE_HEADER] as string;
    const timestamp = call.headers[TIMESTAMP_HEADER] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature({ secret, body: call.body, signature, timestamp })).toBe(true);
    expect(verifySignature({ secret, body: call.body.replace("Team", "Evil"), signature, timestamp })).toBe(false);
    expect(verifySignature({ secret: "whsec_wrong", body: call.body, signature, timestamp })).toBe(false);
    expect(verifySignature({ secret, body: call.body, signature, timestamp, nowSeconds: Number(timestamp) + 3600 })).toBe(false);

    // In the log, with the answer; the secret is never read back.
    const log = await listDeliveries(admin, { page: 1 });
    expect(log.data.find((d) => d.id === result.deliveryId)).toMatchObject({ status: "sent", attempts: 1, subject: "test", recipient: receiver.url });
    expect(JSON.stringify(await listWebhooks(admin))).not.toContain(secret);
  });

  it("record a refusal with the receiver's answer, and a failed one can be retried by hand", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { id } = await addWebhook(admin, { name: "Flaky", url: receiver.url });
    receiver.answerWith(403);
    const failed = await sendTestWebhook(admin, id);
    expect(failed).toMatchObject({ outcome: "failed", answer: "403 Forbidden: refused by the test receiver" });
    receiver.answerWith(200);
    expect(await retryDelivery(admin, failed.deliveryId)).toMatchObject({ outcome: "sent" });
    expect(await db.delivery.findUniqueOrThrow({ where: { id: failed.deliveryId } })).toMatchObject({ status: "sent", attempts: 2 });
    await expect(retryDelivery(admin, failed.deliveryId)).rejects.toThrow("Only a failed delivery can be retried; this one is sent.");

    await setWebhookEnabled(admin, id, false);
    const disabled = await sendTestWebhook(admin, id);
    expect(disabled).toMatchObject({ outcome: "failed", answer: "The webhook is disabled: enable it to send to it." });
  });
});

describe("permissions", () => {
  it("only admins manage webhooks and read the delivery log; everyone chooses their own messages", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { id } = await addWebhook(admin, { name: "Admins only", url: receiver.url });
    for (const role of ["MANAGER", "MEMBER"] as const) {
      const someone = await makeUser({ role });
      await expect(listDeliveries(someone, { page: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listWebhooks(someone)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(addWebhook(someone, { name: "x", url: receiver.url })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(sendTestWebhook(someone, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setWebhookEnabled(someone, id, false)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(setLeadTimes(someone, (await makeCampaign()).id, [7])).rejects.toBeInstanceOf(ForbiddenError);
      expect((await setMyPreferences(someone, { weekly_summary: false })).weekly_summary).toBe(false);
    }
  });
});
