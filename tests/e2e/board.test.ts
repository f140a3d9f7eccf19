import { afterEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { baseUrl, dbQuery, setupBrowser, watchedPageAs } from "./fixtures";
import { expectAccessible } from "./axe";
import { MANAGER_LANDING } from "@/lib/navigation";

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

const pageAs = (email: string) => watchedPageAs(state, email);
const LOGIN_HISTORY_ITEM = "Confirm in Login History that it no longer logs in over TLS 1.0";
const row = (page: Page, name: string) => page.getByTestId("board-row").filter({ has: page.getByRole("link", { name, exact: true }) });
const live = (page: Page) => page.locator('[data-testid=live-state][data-state="live"]').waitFor();

describe("where each role lands", () => {
  for (const [email, path] of [
    ["admin@demo.test", "/board"],
    ["member@demo.test", "/my-work"],
    // The overview until the charts page lands; lib/navigation.ts says which.
    ["manager@demo.test", MANAGER_LANDING],
  ] as const) {
    it(`${email} lands on ${path}`, async () => {
      const { context, page } = await pageAs(email);
      await page.goto(baseUrl());
      await page.waitForURL(`${baseUrl()}${path}`);
      await context.close();
    });
  }
});

describe("the board", () => {
  it("a member ticks the last item of an API client with its evidence; it reads Ready (checklist), and the admin's open board follows without a reload", async () => {
    // ERP order sync starts ready by its checklist: the demo's Login History import ticked its
    // verification item. Its owner unticks it (the admin's board follows), then ticks it again.
    const admin = await pageAs("admin@demo.test");
    await admin.page.goto(`${baseUrl()}/board?category=api`);
    await live(admin.page);
    const adminRow = row(admin.page, "ERP order sync");
    await expect(adminRow.getByTestId("board-verdict").textContent()).resolves.toContain("Ready (checklist)");
    await expectAccessible(admin.page, "the board for an admin");

    const { context, page } = await pageAs("member@demo.test");
    await page.goto(`${baseUrl()}/board?owner=me&category=api`);
    await live(page);
    const erp = row(page, "ERP order sync");
    await expect(erp.getByTestId("board-progress").textContent()).resolves.toBe("4 of 4");
    await erp.getByLabel(`4. ${LOGIN_HISTORY_ITEM} (verification, needs a link)`).click();
    await expect.poll(() => erp.getByTestId("board-progress").textContent()).toBe("3 of 4");
    await expect(erp.getByTestId("board-next").textContent()).resolves.toBe(`Next: ${LOGIN_HISTORY_ITEM}`);
    await expect.poll(() => adminRow.getByTestId("board-verdict").textContent(), { timeout: 10_000 }).toContain("Unverified");
    await expectAccessible(page, "the board filtered to mine");

    await erp.getByLabel(`4. ${LOGIN_HISTORY_ITEM} (verification, needs a link)`).click();
    const evidence = erp.getByRole("form", { name: `Evidence for ${LOGIN_HISTORY_ITEM}` });
    await evidence.getByLabel("Link to the evidence").fill("https://demo-org.my.salesforce.com/00O5800000Login?user=erp");
    await evidence.getByLabel("Note (optional)").fill("No TLS 1.0 logins by the ERP integration user since 12 Feb");
    await expectAccessible(page, "the board's evidence form");
    await evidence.getByRole("button", { name: "Tick it" }).click();
    await erp.getByText("Ready (checklist)", { exact: true }).waitFor();
    await expect(erp.getByTestId("board-progress").textContent()).resolves.toBe("4 of 4");
    await expect(erp.getByTestId("board-next").textContent()).resolves.toBe("All done");
    await expect(erp.getByTestId("board-verdict").textContent()).resolves.toContain("Checklist complete on");

    // The admin's board, open all along in another browser context, shows it without a reload.
    await adminRow.getByText("Ready (checklist)", { exact: true }).waitFor({ timeout: 10_000 });
    await expect(adminRow.getByTestId("board-progress").textContent()).resolves.toBe("4 of 4");

    // The filter by basis finds it, apart from proven and declared.
    await page.goto(`${baseUrl()}/board?verdict=ready-checklist`);
    await row(page, "ERP order sync").waitFor();
    await expect(page.getByTestId("board-row").filter({ hasText: "Ready (declared)" }).count()).resolves.toBe(0);
    await context.close();
    await admin.context.close();
  });

  it("rolls a refused tick back with the reason when someone else ticked first", async () => {
    const { context, page } = await pageAs("member@demo.test");
    // Without live updates here, so the page still holds the old version when the tick is sent.
    await page.route("**/api/v1/board/events", (route) => route.fulfill({ status: 200, contentType: "text/event-stream", body: "retry: 600000\n\n" }));
    await page.goto(`${baseUrl()}/board?owner=me&category=api`);
    const billing = row(page, "Billing connector");
    const first = billing.getByLabel("1. Identify the client library and runtime version");
    await expect(first.isChecked()).resolves.toBe(false);
    // Behind the page's back: an admin ticks that item (a newer version than the page holds).
    await dbQuery(
      `UPDATE checklist_items ci SET done = true, done_at = now(), version = ci.version + 1, done_by_id = (SELECT id FROM users WHERE email = 'admin@demo.test')
         FROM checklist_templates t, integrations i
        WHERE t.id = ci.template_id AND i.id = ci.integration_id AND i.name = 'Billing connector' AND t.title = 'Identify the client library and runtime version'`,
    );
    await first.click();
    await expect(billing.getByRole("alert").textContent()).resolves.toMatch(/^Someone else ticked or unticked/);
    await expect(first.isChecked()).resolves.toBe(true);
    await context.close();
  });

  it("shows a manager the board read only, and no My work", async () => {
    const { context, page } = await pageAs("manager@demo.test");
    await page.goto(`${baseUrl()}/board?category=api`);
    await expect(row(page, "Developer IDEs").getByTestId("board-box").first().isDisabled()).resolves.toBe(true);
    await expectAccessible(page, "the board for a manager");
    const res = await page.goto(`${baseUrl()}/my-work`);
    expect(res?.status()).toBe(403);
    await page.waitForLoadState("networkidle");
    expect(state.consoleErrors.splice(0)).toEqual(["Failed to load resource: the server responded with a status of 403 (Forbidden) at /my-work"]);
    await context.close();
  });
});

describe("My work", () => {
  it("lists a member's open items, nearest milestone first, ticked in place", async () => {
    const { context, page } = await pageAs("member@demo.test");
    await page.goto(`${baseUrl()}/my-work`);
    await live(page);
    const groups = page.getByTestId("work-group");
    await expect(groups.count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole("link", { name: "Sales team browsers" }).count()).resolves.toBe(0);
    await expectAccessible(page, "My work");
    const ci = groups.filter({ has: page.getByRole("link", { name: "CI deployments (Migration Tool)", exact: true }) });
    // Each integration's group says where it stands, with the reason, as the board does.
    const list = await (await page.request.get(`${baseUrl()}/api/v1/integrations?q=${encodeURIComponent("CI deployments (Migration Tool)")}`)).json();
    const expected = list.data.find((i: { name: string }) => i.name === "CI deployments (Migration Tool)");
    await expect(ci.getByTestId("work-verdict").textContent()).resolves.toContain(expected.readiness.reason);
    await expect(groups.getByTestId("work-verdict").count()).resolves.toBe(await groups.filter({ has: page.locator('a[href^="/integrations/"]') }).count());
    await ci.getByLabel("Identify the client library and runtime version").click();
    const done = async () =>
      (
        await dbQuery<{ done: boolean }>(
          `SELECT ci.done FROM checklist_items ci JOIN checklist_templates t ON t.id = ci.template_id JOIN integrations i ON i.id = ci.integration_id
            WHERE i.name = 'CI deployments (Migration Tool)' AND t.title = 'Identify the client library and runtime version'`,
        )
      )[0].done;
    await expect.poll(done, { timeout: 10_000 }).toBe(true);
    // Done, it leaves the list of open work once the page's data refreshes.
    await expect.poll(() => ci.getByLabel("Identify the client library and runtime version").count(), { timeout: 10_000 }).toBe(0);
    await context.close();
  });
});
