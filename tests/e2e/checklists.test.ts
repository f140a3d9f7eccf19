import { afterEach, describe, expect, it } from "vitest";
import { baseUrl, dbQuery, integrationIdByName, setupBrowser, signedInContext, watchedPageAs } from "./fixtures";
import { expectAccessible } from "./axe";

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

const pageAs = (email: string) => watchedPageAs(state, email);

const idOf = integrationIdByName;
const LOGIN_HISTORY_ITEM = "Confirm in Login History that it no longer logs in over TLS 1.0";

describe("ticking on the integration page", () => {
  it("a member ticks the last item of their API client, with the evidence it needs", async () => {
    const { context, page } = await pageAs("member@demo.test");
    const id = await idOf("Developer IDEs");
    await page.goto(`${baseUrl()}/integrations/${id}`);
    const checklist = page.getByRole("list", { name: "Checklist of Developer IDEs" });
    await expect(checklist.getByTestId("checklist-item").count()).resolves.toBe(4);
    await expect(page.getByTestId("checklist-progress").textContent()).resolves.toBe("3 of 4 done · 1 required item open");
    await expectAccessible(page, "the integration page");

    await page.getByLabel(LOGIN_HISTORY_ITEM, { exact: true }).click();
    const evidence = page.getByRole("form", { name: `Evidence for ${LOGIN_HISTORY_ITEM}` });
    await evidence.getByRole("button", { name: "Tick it" }).click();
    await expect(evidence.getByRole("alert").textContent()).resolves.toBe("is required: link to the evidence for this verification item");
    await expectAccessible(page, "the evidence form with its error");
    await evidence.getByLabel("Link to the evidence").fill("https://demo-org.my.salesforce.com/00O58000LoginIDE");
    await evidence.getByLabel("Note (optional)").fill("No TLS 1.0 logins from the IDE users since 10 Feb");
    await evidence.getByRole("button", { name: "Tick it" }).click();
    const history = page.getByRole("list", { name: "History" });
    await history.getByText(`Ticked “${LOGIN_HISTORY_ITEM}”: No TLS 1.0 logins from the IDE users since 10 Feb`).waitFor();
    await expect(page.getByTestId("checklist-progress").textContent()).resolves.toBe("4 of 4 done");
    await expect(page.getByLabel(LOGIN_HISTORY_ITEM, { exact: true }).isChecked()).resolves.toBe(true);
    await expect(history.getByRole("link", { name: /00O58000LoginIDE/ }).count()).resolves.toBe(1);
    const [item] = await dbQuery<{ done: boolean; evidence_url: string; email: string }>(
      `SELECT ci.done, ci.evidence_url, u.email FROM checklist_items ci JOIN checklist_templates t ON t.id = ci.template_id JOIN users u ON u.id = ci.done_by_id
        WHERE ci.integration_id = $1 AND t.title = $2`,
      [id, LOGIN_HISTORY_ITEM],
    );
    expect(item).toEqual({ done: true, evidence_url: "https://demo-org.my.salesforce.com/00O58000LoginIDE", email: "member@demo.test" });
    await expectAccessible(page, "the integration page after ticking");
    await context.close();
  });

  it("shows a tick someone else made first next to the item, and the first tick moves the status on", async () => {
    const id = await idOf("Partner Community users");
    const member = await pageAs("member@demo.test");
    await member.page.goto(`${baseUrl()}/integrations/${id}`);
    // Hydrated before the admin moves on: a click on a page still loading its scripts (slow on a
    // busy machine) would toggle the bare checkbox and send nothing.
    await member.page.waitForLoadState("networkidle");
    const first = "Find the users of this browser in Login History";
    // An admin ticks the same item in another browser while the member's page is open.
    const admin = await pageAs("admin@demo.test");
    await admin.page.goto(`${baseUrl()}/integrations/${id}`);
    await admin.page.getByLabel(first).click();
    await admin.page.getByText("1 of 5 done").waitFor();
    // "1 of 5" is the optimistic box; "Done by" comes only with the server's answer. Closing the
    // context before it could abort the admin's tick in flight, and the member's would then land.
    await admin.page.getByText(/Done by Dana Whitfield/).waitFor();
    await admin.context.close();

    await member.page.getByLabel(first).click();
    const row = member.page.getByTestId("checklist-item").filter({ hasText: first });
    await expect(row.getByRole("alert").textContent()).resolves.toMatch(/^Someone else ticked or unticked “Find the users/);
    await expect(member.page.getByLabel(first).isChecked()).resolves.toBe(true);
    await expect(row.getByText(/Done by Dana Whitfield/).count()).resolves.toBe(1);
    await member.page.reload();
    await expect(member.page.getByRole("list", { name: "History" }).textContent()).resolves.toContain(
      "Changed status of Partner Community users: work started with its first checklist tick",
    );
    await expect(member.page.getByText("In progress").count()).resolves.toBeGreaterThan(0);
    await member.context.close();
  });

  it("a manager reads the checklist but cannot tick it, in the page or over the API", async () => {
    const { context, page } = await pageAs("manager@demo.test");
    const id = await idOf("Billing connector");
    await page.goto(`${baseUrl()}/integrations/${id}`);
    await expect(page.getByLabel("Identify the client library and runtime version").isDisabled()).resolves.toBe(true);
    await expectAccessible(page, "the integration page for a manager");
    const [item] = await dbQuery<{ id: string; version: number }>("SELECT id, version FROM checklist_items WHERE integration_id = $1 LIMIT 1", [id]);
    const res = await context.request.patch(`${baseUrl()}/api/v1/checklist-items/${item.id}`, { data: { done: true, version: item.version } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toBe("Your role does not allow this.");
    await context.close();
  });
});

describe("the campaign's own checklist", () => {
  it("is on the campaign page, ticked by admins", async () => {
    const { context, page } = await pageAs("admin@demo.test");
    const [campaign] = await dbQuery<{ id: string }>("SELECT id FROM campaigns ORDER BY created_at LIMIT 1");
    await page.goto(`${baseUrl()}/campaigns/${campaign.id}`);
    await expect(page.getByTestId("checklist-progress").textContent()).resolves.toBe("7 of 9 done · 2 required items open");
    await expectAccessible(page, "the campaign page");
    await page.getByLabel("Enable the critical update in production before the cutoff").click();
    await page.getByText("8 of 9 done").waitFor();
    await context.close();
  });
});

describe("the checklist templates page", () => {
  it("lets an admin add, reorder, reword and retire an item, reaching every integration of the category", async () => {
    const { context, page } = await pageAs("admin@demo.test");
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${baseUrl()}/admin/checklists`);
    await expectAccessible(page, "the checklist templates page");
    const api = page.getByTestId("checklist-api");
    await api.getByRole("button", { name: "Add an item to the API checklist" }).click();
    const form = api.getByRole("form", { name: "Add an item to the API checklist" });
    await form.getByLabel("Title").fill("Check the proxy allows TLS 1.2");
    await form.getByLabel("Guidance").fill("Corporate proxies can downgrade or block TLS 1.2.");
    await form.getByRole("button", { name: "Add item" }).click();
    const apis = (await dbQuery<{ n: number }>("SELECT count(*)::int AS n FROM integrations WHERE category = 'api'"))[0].n;
    await api.getByText(`Added “Check the proxy allows TLS 1.2”: open on ${apis} integrations.`).waitFor();
    await expectAccessible(page, "the templates page after adding");

    const titles = () => api.getByRole("list", { name: "Items of the API checklist" }).getByTestId("template-row").locator("p.font-medium").allTextContents();
    await expect(titles()).resolves.toEqual([
      "1.Identify the client library and runtime version",
      "2.Apply the change for that runtime",
      "3.Test against a sandbox with TLS 1.0 disabled",
      "4.Confirm in Login History that it no longer logs in over TLS 1.0",
      "5.Check the proxy allows TLS 1.2",
    ]);
    await api.getByRole("button", { name: "Move “Check the proxy allows TLS 1.2” up" }).click();
    await expect.poll(titles).toContain("4.Check the proxy allows TLS 1.2");

    const row = api.getByTestId("template-row").filter({ hasText: "Check the proxy allows TLS 1.2" });
    await row.getByRole("button", { name: "Reword" }).click();
    const reword = row.getByRole("form", { name: "Reword “Check the proxy allows TLS 1.2”" });
    await reword.getByLabel("Title").fill("Check the proxy lets TLS 1.2 through");
    await reword.getByRole("button", { name: "Save" }).click();
    await expect.poll(titles).toContain("4.Check the proxy lets TLS 1.2 through");

    const billing = await idOf("Billing connector");
    const member = await pageAs("member@demo.test");
    await member.page.goto(`${baseUrl()}/integrations/${billing}`);
    await expect(member.page.getByLabel("Check the proxy lets TLS 1.2 through").isChecked()).resolves.toBe(false);

    await api.getByTestId("template-row").filter({ hasText: "Check the proxy lets TLS 1.2 through" }).getByRole("button", { name: "Retire" }).click();
    await api.getByText("Retired (1)").waitFor();
    await member.page.reload();
    await expect(member.page.getByLabel("Check the proxy lets TLS 1.2 through").count()).resolves.toBe(0);
    await member.context.close();
    await context.close();
  });

  it("is refused to members and managers", async () => {
    for (const email of ["member@demo.test", "manager@demo.test"]) {
      // Not watched: the browser logs the 403 it was meant to get.
      const context = await signedInContext(state.browser!, email);
      const page = await context.newPage();
      const res = await page.goto(`${baseUrl()}/admin/checklists`);
      expect(res?.status(), email).toBe(403);
      await context.close();
    }
  });
});
