// Login History end to end: an admin uploads an export (preview first), watches the worker import
// it, and creates an integration from a TLS 1.0 finding; a member reads the findings only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { baseUrl, dbQuery, setupBrowser, watchedPageAs } from "./fixtures";
import { expectAccessible } from "./axe";

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

const HEADER = "Username,Login Time,Source IP,Login Type,Status,Browser,Platform,Application,Client Version,API Type,API Version,Login URL,TLS Protocol,TLS Cipher Suite";
const ROWS = 40_000;
const file = path.join(os.tmpdir(), `trb-e2e-login-history-${process.pid}.csv`);
// A client the demo does not know, on TLS 1.0 until early February and TLS 1.2 since.
const lines = [HEADER];
for (let i = 0; i < ROWS; i++) {
  const at = new Date(Date.UTC(2017, 0, 1) + i * 60_000);
  const time = `${at.getUTCDate()}/${at.getUTCMonth() + 1}/${at.getUTCFullYear()} ${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
  lines.push(`etl${i % 7}@demo.test,${time},10.9.0.${i % 200},Other Apex API,Success,N/A,N/A,Legacy ETL,Java 1.6.0_45,SOAP Partner,30.0,login.salesforce.com,${i < ROWS * 0.8 ? "TLS 1.0" : "TLS 1.2"},AES128-SHA`);
}
fs.writeFileSync(file, lines.join("\r\n") + "\r\n");
afterAll(() => fs.rmSync(file, { force: true }));

describe("the Login History page", () => {
  it("an admin previews and uploads an export, watches it import, and creates an integration from a TLS 1.0 finding", async () => {
    const { page } = await watchedPageAs(state, "admin@demo.test");
    // Requests still open, to say what an upload waited behind if it never starts.
    const open = new Map<object, string>();
    const t0 = Date.now();
    page.on("request", (r) => open.set(r, `${Date.now() - t0}ms ${r.method()} ${r.url().replace(baseUrl(), "")}`));
    page.on("requestfinished", (r) => open.delete(r));
    page.on("requestfailed", (r) => open.delete(r));
    await page.goto(`${baseUrl()}/login-history`);
    await page.getByRole("heading", { name: "Login History", level: 1 }).waitFor();
    // The demo's import is there, and its insecure-channel failures are shown first.
    await expect(page.getByRole("alert").first().textContent()).resolves.toMatch(/logins failed over an insecure channel/);
    await expectAccessible(page, "the Login History page");

    // The navigation's prefetches of other pages can hold every connection the browser allows
    // for a while (noticed, not fixed here); let them settle so the upload is not queued behind them.
    await page.waitForLoadState("networkidle", { timeout: 90_000 });
    const form = page.getByRole("form", { name: "Upload a Login History export" });
    await form.getByLabel("Date order").selectOption("dmy");
    await form.getByLabel("Login History export (CSV, or gzipped CSV)").setInputFiles(file);
    const preview = page.getByRole("region", { name: "Preview of the first rows" });
    await preview.waitFor();
    await expect(preview.getByRole("row").nth(1).textContent()).resolves.toContain("1 Jan 2017, 00:00 UTC");
    await expectAccessible(page, "the upload form with its preview");
    const calls: string[] = [];
    page.on("request", (r) => calls.push(`started ${r.method()} ${new URL(r.url()).pathname}`));
    page.on("requestfinished", (r) => calls.push(`${r.method()} ${new URL(r.url()).pathname}`));
    page.on("requestfailed", (r) => calls.push(`${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`));
    await form.getByRole("button", { name: "Import" }).click();
    const outcome = form.getByText(/is uploaded and queued/).or(form.getByRole("alert"));
    await outcome.waitFor({ timeout: 60_000 }).catch(async (err) => {
      const activity = await dbQuery<{ state: string; wait: string | null; query: string }>(
        "SELECT state, wait_event_type || ':' || wait_event AS wait, left(query, 120) AS query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      throw new Error(`${(err as Error).message}\nrequests: ${calls.join("; ")}\nstill open at ${Date.now() - t0}ms: ${[...open.values()].join("; ")}\ndatabase: ${JSON.stringify(activity)}`);
    });
    await expect(outcome.textContent()).resolves.toMatch(/is uploaded and queued/);
    // The chooser is empty again, not naming the file just sent as if it were still to go.
    await expect(form.getByLabel("Login History export (CSV, or gzipped CSV)").inputValue()).resolves.toBe("");

    const row = page.getByTestId("import-row").filter({ hasText: path.basename(file) });
    // Progress while it runs (rows read, rows per second, time left), then done without a reload.
    await row.getByText(/Importing|Done/).waitFor();
    const sawProgress = await row
      .getByTestId("import-progress")
      .textContent({ timeout: 5000 })
      .catch(() => null);
    if (sawProgress) expect(sawProgress).toMatch(/rows read · [\d,]+ rows\/s · time left/);
    await row.getByText("Done").waitFor({ timeout: 120_000 });
    await expect(row.textContent()).resolves.toContain(`${ROWS.toLocaleString("en")} new of ${ROWS.toLocaleString("en")} read`);

    // The findings below follow without a reload (refreshed when the import finished); the finding,
    // most TLS 1.0 logins first; one click makes it an integration.
    const finding = page.getByTestId("finding-row").filter({ hasText: "Legacy ETL Java 1.6.0_45" });
    await expect(finding.textContent()).resolves.toContain("32,000");
    await finding.getByRole("button", { name: /Create integration from Legacy ETL/ }).click();
    await page.waitForURL(/\/integrations\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: "Legacy ETL Java 1.6.0_45 (Login History)" }).waitFor();
    const evidence = page.getByTestId("login-evidence");
    await expect(evidence.textContent()).resolves.toMatch(/40,000 logins from 1 Jan 2017 to 28 Jan 2017: 32000 over TLS 1.0/);
    await expectAccessible(page, "the integration page with its Login History evidence");
    const [created] = await dbQuery<{ category: string; client_software: string; client_version: string }>(
      "SELECT category, client_software, client_version FROM integrations WHERE name = 'Legacy ETL Java 1.6.0_45 (Login History)'",
    );
    expect(created).toEqual({ category: "api", client_software: "Legacy ETL", client_version: "Java 1.6.0_45" });
  }, 240_000);

  it("a member reads the findings but cannot upload or link", async () => {
    const { page } = await watchedPageAs(state, "member@demo.test");
    await page.goto(`${baseUrl()}/login-history`);
    await page.getByRole("heading", { name: "Findings" }).waitFor();
    await expect(page.getByRole("form", { name: "Upload a Login History export" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /Create integration/ }).count()).resolves.toBe(0);
    await page.getByRole("link", { name: "By user" }).click();
    await page.waitForURL(/by=user/);
    await expect(page.getByTestId("finding-row").count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, "the findings by user");
  });
});
