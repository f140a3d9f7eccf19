import { afterEach, describe, expect, it } from "vitest";
import { baseUrl, dbQuery, integrationIdByName, setupBrowser, watchedPageAs } from "./fixtures";

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

const pageAs = (email: string) => watchedPageAs(state, email);

const idOf = integrationIdByName;

describe("probes in the browser", () => {
  it("an admin probes an endpoint and sees the verdict and its reasons change", async () => {
    const { context, page } = await pageAs("admin@demo.test");
    await page.goto(`${baseUrl()}/integrations/${await idOf("Community SSO (SAML IdP)")}`);
    await expect(page.getByTestId("verdict-reason").textContent()).resolves.toContain("no probe of it yet");
    await page.getByRole("button", { name: "Probe now" }).click();
    // The probe's own outcome reads like the verdict: TLS 1.3, but a certificate clients refuse.
    await expect.poll(() => page.getByTestId("probe-status").textContent(), { timeout: 30_000 }).toContain("Done: Certificate problem (TLS 1.3)");
    // It speaks TLS 1.3, but its self-signed certificate would be refused: not ready.
    await expect.poll(() => page.getByTestId("verdict-reason").textContent()).toContain("Negotiated TLS 1.3 in a real handshake");
    await expect(page.getByTestId("verdict-reason").textContent()).resolves.toContain("would refuse it: self-signed and not trusted");
    await expect(page.getByTestId("probe-entry").count()).resolves.toBe(1);
    // The history shows that probe by the same rule, not as meeting the floor.
    await expect(page.getByTestId("probe-entry").textContent()).resolves.toContain("Certificate problem (TLS 1.3)");
    await context.close();
  });

  it("an admin probes every endpoint at once and watches the run's progress live", async () => {
    const { context, page } = await pageAs("admin@demo.test");
    const [{ n }] = await dbQuery<{ n: number }>("SELECT count(*)::int AS n FROM integrations WHERE endpoint_host IS NOT NULL");
    await page.goto(`${baseUrl()}/integrations?endpoint=yes`);
    await page.getByLabel("Select every row on this page").check();
    await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Probe" }).click();
    await page.waitForURL(/\/probe-runs\/[0-9a-f-]{36}$/);
    const status = page.getByTestId("run-status");
    await expect(status.textContent()).resolves.toMatch(/^(Probing|Finished)/);
    // The payroll endpoint never answers: the run waits for its timeout, then finishes.
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^Finished: ${n} of ${n} probed \\(\\d+ unreachable\\), 0 remaining`));
    await expect.poll(() => page.getByTestId("run-probe").count()).toBe(n);
    // Two vendor names that do not resolve and one endpoint that never answers, at least.
    expect(Number(/\((\d+) unreachable/.exec((await status.textContent()) ?? "")?.[1])).toBeGreaterThanOrEqual(3);
    // Not ready by their probes: the endpoints below the floor. (Without an endpoint, not ready is
    // Login History's word: the Billing connector still signs in over TLS 1.0.)
    await page.goto(`${baseUrl()}/integrations?verdict=not_ready&endpoint=yes`);
    const names = await page.getByTestId("inventory-row").locator("td:nth-child(2)").allTextContents();
    expect(names.sort()).toEqual(["Marketing email relay", "Shipping rates call-out"]);
    await page.goto(`${baseUrl()}/integrations?verdict=not_ready&endpoint=no`);
    await expect(page.getByTestId("inventory-row").locator("td:nth-child(2)").allTextContents()).resolves.toContain("Billing connector");
    await context.close();
  });

  it("a member probes what they own, and cannot probe someone else's", async () => {
    const { context, page } = await pageAs("member@demo.test");
    await page.goto(`${baseUrl()}/integrations/${await idOf("Payment gateway call-out")}`);
    await expect(page.getByRole("button", { name: "Probe now" }).count()).resolves.toBe(0);
    const refused = await context.request.post(`${baseUrl()}/api/v1/integrations/${await idOf("Payment gateway call-out")}/probes`);
    expect(refused.status()).toBe(403);
    await page.goto(`${baseUrl()}/integrations/${await idOf("Shipping rates call-out")}`);
    await page.getByRole("button", { name: "Probe now" }).click();
    await expect.poll(() => page.getByTestId("probe-status").textContent(), { timeout: 30_000 }).toContain("Done: Below the floor (best TLS 1.0)");
    await expect.poll(() => page.getByTestId("verdict-reason").textContent()).toContain("below the TLS 1.1 floor");
    await context.close();
  });

  it("an admin sets the target policy, and a bad range is named", async () => {
    const { context, page } = await pageAs("admin@demo.test");
    await page.goto(`${baseUrl()}/admin/settings`);
    await page.getByLabel("Internal ranges probes may reach").fill("10.20.0.0/16\n192.168.300.0/24");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#allowedRanges-error").textContent()).resolves.toContain("192.168.300.0/24");
    await page.getByLabel("Internal ranges probes may reach").fill("10.20.0.0/16");
    await page.getByLabel("Probe every endpoint again").selectOption("12h");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved. Workers use the new settings within a few seconds.").waitFor();
    const [row] = await dbQuery<{ value: unknown }>("SELECT value FROM settings WHERE key = 'probe.allowedRanges'");
    expect(row.value).toEqual(["10.20.0.0/16"]);
    await context.close();
  });
});
