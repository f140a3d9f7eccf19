// Shared by the end-to-end tests: a real Chromium, and sessions made without the sign-in form
// (one test signs in through the form; the rest should not pay for it).
import { encode } from "next-auth/jwt";
import pg from "pg";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { CHROMIUM_ARGS } from "@/scripts/lib/chromium";

export const baseUrl = () => inject("baseUrl");

export async function dbQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** One browser per test file, closed afterwards. Pages log console errors into `consoleErrors`. */
export function setupBrowser() {
  const state: { browser: Browser | null; consoleErrors: string[] } = { browser: null, consoleErrors: [] };
  beforeAll(async () => {
    state.browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  return state;
}

/** A browser context already signed in as `email`, by a session cookie minted like next-auth's own. */
export async function signedInContext(browser: Browser, email: string): Promise<BrowserContext> {
  const [user] = await dbQuery<{ id: string; session_version: number }>("SELECT id, session_version FROM users WHERE email = $1", [email]);
  if (!user) throw new Error(`No user ${email} in the e2e database`);
  const token = await encode({ token: { uid: user.id, sv: user.session_version, email }, secret: process.env.NEXTAUTH_SECRET! });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseUrl(), httpOnly: true, sameSite: "Lax" }]);
  return context;
}

export function watchConsole(page: Page, errors: string[]) {
  page.on("console", (m) => {
    // A failed resource names its URL, so an unexpected 404 says what was missing.
    if (m.type() === "error") errors.push(m.text().startsWith("Failed to load resource") ? `${m.text()} at ${new URL(m.location().url).pathname}` : m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
}

/** A page signed in as `email` whose console errors land in `state.consoleErrors`. */
export async function watchedPageAs(state: { browser: Browser | null; consoleErrors: string[] }, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await signedInContext(state.browser!, email);
  const page = await context.newPage();
  watchConsole(page, state.consoleErrors);
  return { context, page };
}

/** The id of the demo integration with this name. */
export const integrationIdByName = async (name: string) => (await dbQuery<{ id: string }>("SELECT id FROM integrations WHERE name = $1", [name]))[0].id;
