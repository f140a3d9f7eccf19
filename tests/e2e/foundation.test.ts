import { afterEach, describe, expect, it } from "vitest";
import { baseUrl, signedInContext, setupBrowser, watchConsole } from "./fixtures";

const state = setupBrowser();
const NAV = {
  "admin@demo.test": ["Board", "My work", "Overview", "Charts", "Inventory", "Probe runs", "Login History", "Campaigns", "Users", "API tokens", "Audit log", "Settings", "Checklists", "Notifications", "Delivery log"],
  "manager@demo.test": ["Board", "Overview", "Charts", "Inventory", "Probe runs", "Login History", "Campaigns"],
  "member@demo.test": ["Board", "My work", "Overview", "Charts", "Inventory", "Probe runs", "Login History", "Campaigns"],
} as const;

afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

describe("signing in", () => {
  for (const [email, nav] of Object.entries(NAV)) {
    it(`${email} signs in through the form and sees what the role allows`, async () => {
      const context = await state.browser!.newContext();
      const page = await context.newPage();
      watchConsole(page, state.consoleErrors);
      await page.goto(`${baseUrl()}/campaigns`);
      await page.waitForURL(/\/login\?callbackUrl=%2Fcampaigns/);
      await page.fill("#email", email);
      await page.fill("#password", "readiness-demo");
      await page.click("button[type=submit]");
      await page.waitForURL(`${baseUrl()}/campaigns`);
      const links = await page.locator("nav[aria-label=Main] a").allTextContents();
      expect(links).toEqual(nav);
      await expect(page.getByTestId("role").textContent()).resolves.toBe(email.split("@")[0]);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/login/);
      await context.close();
    });
  }

  it("tells a person who mistyped their password, without saying which part was wrong", async () => {
    const context = await state.browser!.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/login`);
    await page.fill("#email", "manager@demo.test");
    await page.fill("#password", "not-the-password");
    await page.click("button[type=submit]");
    await expect(page.locator("form [role=alert]").textContent()).resolves.toContain("Wrong email or password.");
    await context.close();
  });
});

describe("the shell", () => {
  it("shows a live countdown to the production cutoff on the demo clock", async () => {
    const context = await signedInContext(state.browser!, "manager@demo.test");
    const page = await context.newPage();
    watchConsole(page, state.consoleErrors);
    await page.goto(baseUrl());
    const countdown = page.getByTestId("countdown");
    await expect(countdown.textContent()).resolves.toMatch(/Production cutoff in\s*12d 08h [0-2]\dm \d\ds/);
    // It ticks every second once the page is live.
    const first = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 10_000 }).not.toBe(first);
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("Simulated clock");
    await context.close();
  });

  it("offers a keyboard user a way past the navigation: the first Tab stop skips to the page", async () => {
    const context = await signedInContext(state.browser!, "member@demo.test");
    const page = await context.newPage();
    watchConsole(page, state.consoleErrors);
    await page.goto(`${baseUrl()}/login-history`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(skip.isVisible()).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("main");
    await context.close();
  });
});

describe("access control", () => {
  it("refuses a member on an admin page with a 403", async () => {
    const context = await signedInContext(state.browser!, "member@demo.test");
    const page = await context.newPage();
    for (const path of ["/admin/users", "/admin/audit", "/admin/tokens", "/campaigns/new"]) {
      const res = await page.goto(`${baseUrl()}${path}`);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("does not give access");
    }
    await context.close();
  });

  it("sends a signed-out visitor to sign-in, and answers the API with 401 JSON", async () => {
    const res = await fetch(`${baseUrl()}/admin/users`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toContain("/login?callbackUrl=%2Fadmin%2Fusers");
    const api = await fetch(`${baseUrl()}/api/v1/campaigns`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in to continue." } });
    const health = await fetch(`${baseUrl()}/api/health`);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("refuses a member's call to an admin action with 403 through the API", async () => {
    const context = await signedInContext(state.browser!, "member@demo.test");
    const res = await context.request.post(`${baseUrl()}/api/v1/users`, { data: { email: "x@example.test", name: "X", role: "ADMIN" } });
    expect(res.status()).toBe(403);
    await context.close();
  });
});

describe("campaign milestones", () => {
  it("an admin moves the production cutoff with a reason and sees it in the history", async () => {
    const context = await signedInContext(state.browser!, "admin@demo.test");
    const page = await context.newPage();
    watchConsole(page, state.consoleErrors);
    await page.goto(`${baseUrl()}/campaigns`);
    await page.getByRole("link", { name: "Salesforce TLS 1.0 disablement", exact: true }).click();
    const card = page.locator("section", { has: page.getByRole("heading", { name: "Production cutoff" }) });
    await card.getByLabel("New date (UTC)").fill("2017-07-22T17:30");
    await card.getByRole("button", { name: "Change date" }).click();
    await expect(card.getByText("is required: say why").textContent()).resolves.toContain("say why");
    await card.getByLabel("Reason for the change").fill("Vendor extended the deadline");
    await card.getByRole("button", { name: "Change date" }).click();
    await card.getByText("Production cutoff moved to 22 Jul 2017, 17:30 UTC.").waitFor();
    const history = card.getByRole("list", { name: "Date history of Production cutoff" });
    await expect.poll(() => history.locator("li").first().textContent()).toMatch(
      /4 Mar 2017, 17:30 UTC.*22 Jul 2017, 17:30 UTC.*Vendor extended the deadline.*Dana Whitfield/,
    );
    await expect(page.getByTestId("countdown").textContent()).resolves.toMatch(/Production cutoff in\s*15\dd/);
    // Put the date back for the other tests, through the API, with its reason kept too.
    const milestoneId = await card.getAttribute("data-milestone-id");
    const [campaign] = (await (await context.request.get(`${baseUrl()}/api/v1/campaigns`)).json()).data;
    const milestone = campaign.milestones.find((m: { id: string }) => m.id === milestoneId);
    const restored = await context.request.patch(`${baseUrl()}/api/v1/milestones/${milestoneId}`, {
      data: { dueAt: "2017-03-04T17:30:00Z", reason: "Back to the announced date", version: milestone.version },
    });
    expect(restored.status()).toBe(200);
    await context.close();
  });
});
