// Every page, as every role and signed out, under the Content-Security-Policy: the page's scripts
// carry the response's nonce, they run (the page hydrates), and the browser reports no violation.
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { baseUrl, dbQuery, signedInContext, setupBrowser, watchConsole } from "./fixtures";

/** Pages that answer 403 or 404 on purpose. */
function statusOf(path: string, role: string): number {
  if (path === "/no-such-page") return 404;
  if (path === "/my-work" && role === "manager") return 403;
  return role !== "admin" && path.startsWith("/admin/") ? 403 : 200;
}

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations ?? []);
}

async function pagesFor(role: "admin" | "manager" | "member"): Promise<string[]> {
  const [integration] = await dbQuery<{ id: string }>("SELECT id FROM integrations WHERE endpoint_host IS NOT NULL ORDER BY name LIMIT 1");
  const [run] = await dbQuery<{ id: string }>("SELECT id FROM probe_runs ORDER BY created_at LIMIT 1");
  const [campaign] = await dbQuery<{ id: string }>("SELECT id FROM campaigns ORDER BY name LIMIT 1");
  const everyone = ["/", "/board", "/my-work", "/overview", "/charts", "/report", "/login-history", "/integrations", `/integrations/${integration.id}`, "/probe-runs", `/probe-runs/${run.id}`, "/campaigns", `/campaigns/${campaign.id}`, "/profile", "/no-such-page"];
  const admin = ["/integrations/new", "/integrations/import", `/integrations/${integration.id}/edit`, "/campaigns/new", "/admin/users", "/admin/tokens", "/admin/audit", "/admin/settings", "/admin/checklists", "/admin/notifications", "/admin/deliveries"];
  // Members and managers see admin pages as a 403 page: that page must obey the policy too.
  return role === "admin" ? [...everyone, ...admin] : [...everyone, "/admin/users"];
}

async function checkPage(page: Page, path: string, violations: () => Promise<string[]>, expectedStatus = 200) {
  const before = state.consoleErrors.length;
  const res = await page.goto(`${baseUrl()}${path}`);
  expect(res?.status(), path).toBe(expectedStatus);
  if (expectedStatus !== 200) {
    // The one line the browser logs for a 403 or 404 document is expected; nothing else is.
    await page.waitForLoadState("networkidle");
    const logged = state.consoleErrors.splice(before);
    expect(logged, path).toEqual([`Failed to load resource: the server responded with a status of ${expectedStatus} (${expectedStatus === 404 ? "Not Found" : "Forbidden"}) at ${path}`]);
  }
  const policy = res?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, `${path}: a nonce in the policy`).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  // Every script element the server sent carries this response's nonce (the chunks those load
  // later are admitted by 'strict-dynamic').
  const scripts = [...((await res!.text()).matchAll(/<script\b[^>]*>/g))].map((m) => /\bnonce="([^"]*)"/.exec(m[0])?.[1] ?? "");
  expect(scripts.length, `${path}: scripts`).toBeGreaterThan(0);
  expect(new Set(scripts), `${path}: every script has the nonce`).toEqual(new Set([nonce]));
  await page.waitForLoadState("networkidle");
  expect(await violations(), `${path}: CSP violations`).toEqual([]);
}

describe("the Content-Security-Policy", () => {
  for (const role of ["admin", "manager", "member"] as const) {
    it(`holds on every page ${role}s can open, with no violation`, async () => {
      const context = await signedInContext(state.browser!, `${role}@demo.test`);
      const page = await context.newPage();
      watchConsole(page, state.consoleErrors);
      const violations = await watchViolations(page);
      for (const path of await pagesFor(role)) await checkPage(page, path, violations, statusOf(path, role));
      // Scripts did run: the header's countdown is live.
      await page.goto(baseUrl());
      const countdown = page.getByTestId("countdown");
      const first = await countdown.textContent();
      await expect.poll(() => countdown.textContent(), { timeout: 10_000 }).not.toBe(first);
      await context.close();
    });
  }

  it("holds on the signed-out pages, and the sign-in form works under it", async () => {
    const context = await state.browser!.newContext();
    const page = await context.newPage();
    watchConsole(page, state.consoleErrors);
    const violations = await watchViolations(page);
    for (const path of ["/login", "/invite/not-a-real-invitation-token", "/no-such-page"]) await checkPage(page, path, violations, statusOf(path, "anonymous"));
    // Markup that slipped into a page (the XSS the policy exists for) does not run, and is reported.
    await page.goto(`${baseUrl()}/login`);
    const before = state.consoleErrors.length;
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/icon.svg" onload="window.__injected = 1">`));
    await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-attr inline/)]);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(state.consoleErrors.splice(before)).toEqual([expect.stringContaining("Content Security Policy")]);
    await page.goto(`${baseUrl()}/login`);
    await page.fill("#email", "manager@demo.test");
    await page.fill("#password", "readiness-demo");
    await page.click("button[type=submit]");
    await page.waitForURL(`${baseUrl()}/`);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it("comes with the usual headers on pages and the API, and no HSTS over plain HTTP", async () => {
    for (const path of ["/login", "/api/health"]) {
      const res = await fetch(`${baseUrl()}${path}`);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
    }
  });
});
