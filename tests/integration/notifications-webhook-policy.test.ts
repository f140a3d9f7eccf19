// Webhook URLs follow the probe target policy (an admin-chosen address the server calls is an SSRF
// tool otherwise): refused at add and at send where the policy forbids the address, judged by the
// address a name resolves to, metadata addresses never; sent to the checked address.
delete process.env.PROBE_ALLOWED_RANGES;
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver } from "../support/webhook-receiver";
import { call } from "../support/api";

const { db } = await import("@/lib/db");
const { makeToken, makeUser } = await import("../support/factories");
const { addWebhook, sendTestWebhook } = await import("@/lib/notifications/webhooks");
const { writeSetting } = await import("@/lib/settings/store");
const { ALLOWED_RANGES } = await import("@/lib/probes/settings");
const { ValidationError } = await import("@/lib/errors");
const { POST: addWebhookRoute } = await import("@/app/api/v1/webhooks/route");

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

type Admin = Awaited<ReturnType<typeof makeUser>>;
const allow = (admin: Admin, ranges: string[]) => db.$transaction((tx) => writeSetting(tx, admin, ALLOWED_RANGES, ranges));
/** The field errors of the ValidationError that `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return (err as InstanceType<typeof ValidationError>).fields ?? {};
}

describe("webhooks and the target policy", () => {
  it("a loopback receiver is refused until an admin allows the range, and a send after the range is withdrawn reaches nothing", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    await allow(admin, []);
    const fields = await refusal(addWebhook(admin, { name: "Internal", url: receiver.url }));
    expect(fields.url).toMatch(/^127\.0\.0\.1 is in the loopback range \(127\.0\.0\.0\/8\) that the target policy does not allow; an admin can allow it in Settings/);
    expect(await db.webhook.count({ where: { name: "Internal" } })).toBe(0);

    await allow(admin, ["127.0.0.0/8"]);
    const { id } = await addWebhook(admin, { name: "Internal", url: receiver.url });
    const before = receiver.calls.length;
    expect(await sendTestWebhook(admin, id)).toMatchObject({ outcome: "sent", answer: "200 OK: ok" });
    expect(receiver.calls.length).toBe(before + 1);

    await allow(admin, []);
    const refused = await sendTestWebhook(admin, id);
    expect(refused.outcome).toBe("failed");
    expect(refused.answer).toContain("127.0.0.1 is in the loopback range");
    expect(receiver.calls.length).toBe(before + 1);
    expect(await db.delivery.findUniqueOrThrow({ where: { id: refused.deliveryId } })).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("judges a name by the address it resolves to, and sends to that address with the name as Host", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const port = new URL(receiver.url).port;
    const byName = `http://localhost:${port}/hook`;
    await allow(admin, []);
    expect((await refusal(addWebhook(admin, { name: "By name", url: byName }))).url).toMatch(/^localhost resolves to (127\.0\.0\.1|::1): /);

    await allow(admin, ["127.0.0.0/8", "::1/128"]);
    const { id } = await addWebhook(admin, { name: "By name", url: byName });
    expect(await sendTestWebhook(admin, id)).toMatchObject({ outcome: "sent" });
    expect(receiver.calls.at(-1)!.headers.host).toBe(`localhost:${port}`);
  });

  it("never allows a metadata or link-local address, whatever the allow-list says; the API answers 422 naming the url", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    await allow(admin, ["169.254.0.0/16"]);
    expect((await refusal(addWebhook(admin, { name: "Metadata", url: "http://169.254.169.254/latest/meta-data/" }))).url).toBe(
      "169.254.169.254 is a cloud metadata address; nothing may connect to it (the probe target policy applies to webhooks too)",
    );
    expect((await refusal(addWebhook(admin, { name: "Mapped", url: "http://[::ffff:169.254.169.254]/" }))).url).toMatch(/IPv4 169\.254\.169\.254\) is a cloud metadata address/);
    expect((await refusal(addWebhook(admin, { name: "Link-local", url: "https://169.254.10.1/hook" }))).url).toMatch(/is a link-local address; nothing may connect/);

    const token = await makeToken(admin);
    const answer = await call(addWebhookRoute, { method: "POST", token, body: { name: "Metadata", url: "http://169.254.169.254/" } });
    expect(answer.status).toBe(422);
    expect(answer.json.error.fields.url).toContain("cloud metadata address");
    expect(await db.webhook.count()).toBe(2);
  });
});
