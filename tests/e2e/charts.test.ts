// A manager follows the trend in a real Chromium on the demo's reconstructed history: every chart
// draws its marks, a bar shows its exact numbers on hover and opens the filtered inventory on a
// click, the filters live in the URL, and the report prints. Screenshots go to test-results/
// (git-ignored); with SAVE_SCREENSHOTS=1 to docs/screenshots/, which the README shows.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { baseUrl, setupBrowser, watchedPageAs } from "./fixtures";
import { expectAccessible } from "./axe";

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

const SHOTS = path.resolve(import.meta.dirname, "..", "..", ...(process.env.SAVE_SCREENSHOTS === "1" ? ["docs", "screenshots"] : ["test-results", "screenshots"]));
fs.mkdirSync(SHOTS, { recursive: true });

describe("the charts page", () => {
  it("draws every chart from the demo's history, with a sentence about the pace", async () => {
    const { context, page } = await watchedPageAs(state, "manager@demo.test");
    await page.goto(`${baseUrl()}/charts`);
    const chart = (id: string) => page.locator(`[data-chart="${id}"]`);
    await chart("burndown").locator(".recharts-line-curve").first().waitFor();
    // Not ready, the ideal and the projection; the milestone and today as vertical lines.
    await expect(chart("burndown").locator(".recharts-line-curve").count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(chart("burndown").locator(".recharts-reference-line").count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(chart("burndown").locator(".recharts-reference-dot").count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId("projection-sentence").textContent()).resolves.toMatch(/^(At this pace ready on \d{4}-\d\d-\d\d, \d+ days? after the production cutoff|On track: .*|No progress in the last four weeks.*)\.$/);
    await expect(chart("by-category").locator(".recharts-bar-rectangle path").count()).resolves.toBeGreaterThan(5);
    await expect(chart("by-owner").locator(".recharts-bar-rectangle path").count()).resolves.toBeGreaterThan(5);
    await expect(chart("protocols").locator(".recharts-line-curve").count()).resolves.toBe(4);
    await expect(chart("certificates").locator(".recharts-cartesian-axis-tick").count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(chart("throughput").locator(".recharts-bar-rectangle path").count()).resolves.toBeGreaterThan(3);
    // Legends name every series; each chart has its numbers as a table.
    await expect(chart("by-category").getByRole("list", { name: "Legend" }).textContent()).resolves.toContain("Not ready");
    await expect(page.getByText("Show the numbers").count()).resolves.toBe(6);
    await page.screenshot({ path: path.join(SHOTS, "charts.png"), fullPage: true });
    await expectAccessible(page, "the charts page");
    await chart("burndown").getByText("Show the numbers").click();
    // The table is built when the details open.
    await chart("burndown").getByRole("table").locator("tbody tr").first().waitFor();
    await expect(chart("burndown").getByRole("table").locator("tbody tr").count()).resolves.toBeGreaterThan(200);
    await expectAccessible(page, "the charts page with a table open");
    await context.close();
  });

  it("shows a bar's exact numbers on hover and opens the inventory filtered to it on a click", async () => {
    const { context, page } = await watchedPageAs(state, "manager@demo.test");
    await page.goto(`${baseUrl()}/charts`);
    const bars = page.locator('[data-chart="by-category"] .recharts-bar-rectangle path');
    await bars.first().waitFor();
    await bars.first().hover();
    const tooltip = page.locator('[data-chart="by-category"] .recharts-tooltip-wrapper');
    await tooltip.getByText(/: \d+/).first().waitFor();
    await expect(tooltip.textContent()).resolves.toMatch(/(Ready|Not ready|Unverified|Not probed|Blocked|Unreachable|Certificate problem)\s*:\s*\d+/);
    await bars.first().click();
    await page.waitForURL(/\/integrations\?category=[a-z_]+&verdict=[a-z_]+/);
    const url = new URL(page.url());
    expect(url.searchParams.get("verdict")).toMatch(/^[a-z_]+$/);
    await page.getByRole("table").locator("tbody tr").first().waitFor();
    await context.close();
  });

  it("keeps the shared filters in the URL, for every chart", async () => {
    const { context, page } = await watchedPageAs(state, "manager@demo.test");
    await page.goto(`${baseUrl()}/charts`);
    await page.getByLabel("Impact area", { exact: true }).selectOption("outbound_callout");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/category=outbound_callout/);
    await page.locator('[data-chart="by-category"] .recharts-bar-rectangle path').first().waitFor();
    await expect(page.locator('[data-chart="by-category"] .recharts-yAxis .recharts-cartesian-axis-tick').count()).resolves.toBe(1);
    await page.goto(`${baseUrl()}/charts?category=mainframe`);
    await expect(page.getByRole("alert").filter({ hasText: "These filters cannot be read" }).textContent()).resolves.toMatch(/category must be one of/);
    await context.close();
  });

  it("is open to members and admins too, and in everyone's navigation", async () => {
    for (const email of ["member@demo.test", "admin@demo.test"]) {
      const { context, page } = await watchedPageAs(state, email);
      const res = await page.goto(`${baseUrl()}/charts`);
      expect(res?.status(), email).toBe(200);
      await expect(page.getByRole("link", { name: "Charts" }).first().isVisible()).resolves.toBe(true);
      await context.close();
    }
  });
});

describe("the report", () => {
  it("prints the campaign, countdown, numbers, charts and the integrations at risk", async () => {
    const { context, page } = await watchedPageAs(state, "manager@demo.test");
    await page.goto(`${baseUrl()}/report`);
    await page.locator('[data-chart="burndown"] .recharts-line-curve').first().waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Readiness report: Salesforce TLS 1.0 disablement");
    await expect(page.getByTestId("report-countdown").textContent()).resolves.toMatch(/^\d+ daysto the production cutoff/);
    await expect(page.getByTestId("headline-ready").textContent()).resolves.toMatch(/^\d+ of \d+ integrations ready/);
    const atRisk = page.getByTestId("at-risk");
    await expect(atRisk.locator("tbody tr").count()).resolves.toBeGreaterThan(3);
    await expect(atRisk.textContent()).resolves.toContain("Shipping rates call-out");
    await expect(page.locator('[data-chart="by-category"] .recharts-bar-rectangle path').count()).resolves.toBeGreaterThan(5);
    await expectAccessible(page, "the report");
    const csv = await page.request.get(`${baseUrl()}/api/v1/charts/report`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("At risk");

    await page.emulateMedia({ media: "print" });
    await expect(page.locator("aside").isVisible()).resolves.toBe(false);
    await expect(page.getByRole("button", { name: "Print or save as PDF" }).isVisible()).resolves.toBe(false);
    await expect(page.locator('[data-chart="burndown"] .recharts-line-curve').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "report-print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await context.close();
  });
});
