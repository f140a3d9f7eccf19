import { afterEach, describe, expect, inject, it } from "vitest";
import { baseUrl, dbQuery, setupBrowser, signedInContext, watchConsole } from "./fixtures";

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

async function chooseAtProvider(email: string) {
  await fetch(`${inject("oidcIssuer")}/_test/user`, { method: "POST", body: new URLSearchParams({ email }) });
}

describe("single sign-on (OpenID Connect)", () => {
  it("signs in a user an admin has added, with the role the board gives them", async () => {
    await chooseAtProvider("manager@demo.test");
    await dbQuery("UPDATE users SET last_sign_in_at = NULL WHERE email = 'manager@demo.test'");
    const context = await state.browser!.newContext();
    const page = await context.newPage();
    watchConsole(page, state.consoleErrors);
    await page.goto(`${baseUrl()}/login?callbackUrl=%2Fcampaigns`);
    await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
    await page.waitForURL(`${baseUrl()}/campaigns`);
    await expect(page.getByTestId("role").textContent()).resolves.toBe("manager");
    await context.close();

    // The admin's user list shows that sign-in.
    const admin = await signedInContext(state.browser!, "admin@demo.test");
    const users = await admin.newPage();
    watchConsole(users, state.consoleErrors);
    await users.goto(`${baseUrl()}/admin/users`);
    const row = users.getByTestId("user-manager@demo.test");
    await expect(row.getByRole("cell").nth(4).textContent()).resolves.toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await admin.close();
  });

  it("refuses someone the provider knows but the board does not, and says what to do", async () => {
    await chooseAtProvider("stranger@elsewhere.test");
    const context = await state.browser!.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/login`);
    await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
    await page.waitForURL(/\/login\?error=NoAccount/);
    await expect(page.locator("form [role=alert]").textContent()).resolves.toContain("Ask an admin to add your email address");
    await context.close();
  });
});
