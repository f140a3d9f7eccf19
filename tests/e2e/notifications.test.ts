import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/notifications/signature";
import { startWebhookReceiver } from "../support/webhook-receiver";
import { baseUrl, dbQuery, setupBrowser, watchedPageAs } from "./fixtures";
import { expectAccessible } from "./axe";

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});
const pageAs = (email: string) => watchedPageAs(state, email);

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe("webhooks and the delivery log", () => {
  it("an admin adds a webhook, sends it a test, and sees the signed call in the delivery log", async () => {
    const { context, page } = await pageAs("admin@demo.test");
    await page.goto(`${baseUrl()}/admin/notifications`);
    await page.getByText("No webhooks yet").waitFor();
    await expectAccessible(page, "the notifications page, empty");

    await page.getByLabel("Name").fill("Cutover channel");
    await page.getByLabel("URL").fill("not a url");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.getByText("must be an http:// or https:// URL").waitFor();
    // The target policy applies: a metadata address is refused by name, beside the field.
    await page.getByLabel("URL").fill("http://169.254.169.254/latest/meta-data/");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await page.locator("#webhook-url-error").filter({ hasText: "169.254.169.254 is a cloud metadata address; nothing may connect to it" }).waitFor();
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Send test to Cutover channel" }).click();
    await page.getByRole("status").filter({ hasText: "Sent: 200 OK: ok" }).waitFor();
    await expectAccessible(page, "the notifications page with a webhook");

    const call = receiver.calls.at(-1)!;
    expect(JSON.parse(call.body)).toMatchObject({ event: "test", data: { webhook: "Cutover channel", by: "Dana Whitfield" } });
    expect(verifySignature({ secret, body: call.body, signature: call.headers[SIGNATURE_HEADER] as string, timestamp: call.headers[TIMESTAMP_HEADER] as string })).toBe(true);

    await page.goto(`${baseUrl()}/admin/deliveries`);
    const row = page.getByTestId("delivery-row").filter({ hasText: "Cutover channel" });
    await expect(row.textContent()).resolves.toContain("Sent");
    await expect(row.getByTestId("delivery-answer").textContent()).resolves.toBe("200 OK: ok");
    await expectAccessible(page, "the delivery log");
    await row.getByRole("link", { name: /^View the message: test/ }).click();
    await expect(page.getByTestId("delivery-payload").textContent()).resolves.toContain('"event": "test"');
    await expectAccessible(page, "a delivery");
    await context.close();
  });

  it("refuses the log and the webhooks to a member and a manager", async () => {
    for (const email of ["member@demo.test", "manager@demo.test"]) {
      const { context, page } = await pageAs(email);
      for (const path of ["/admin/deliveries", "/admin/notifications"]) {
        const res = await page.goto(`${baseUrl()}${path}`);
        expect(res?.status(), `${email} ${path}`).toBe(403);
      }
      await context.close();
      // The browser logs the 403 it was meant to get.
      state.consoleErrors.length = 0;
    }
  });
});

describe("preferences", () => {
  it("a member turns off reminders in their profile", async () => {
    const { context, page } = await pageAs("member@demo.test");
    await page.goto(`${baseUrl()}/profile`);
    const reminders = page.getByLabel("Milestone reminders");
    await expect(reminders.isChecked()).resolves.toBe(true);
    // A member is never sent the managers' weekly summary: it is not offered.
    await expect(page.getByLabel("Weekly summary").count()).resolves.toBe(0);
    await expectAccessible(page, "the profile with message preferences");
    await reminders.uncheck();
    await page.getByRole("button", { name: "Save messages" }).click();
    await page.getByText("Saved. Messages go to member@demo.test.").waitFor();
    const rows = await dbQuery<{ kind: string; enabled: boolean }>(
      "SELECT np.kind::text AS kind, np.enabled FROM notification_preferences np JOIN users u ON u.id = np.user_id WHERE u.email = $1 ORDER BY kind",
      ["member@demo.test"],
    );
    expect(rows).toEqual([
      { kind: "regression", enabled: true },
      { kind: "reminder", enabled: false },
    ]);
    await page.reload();
    await expect(page.getByLabel("Milestone reminders").isChecked()).resolves.toBe(false);
    await context.close();
  });
});
