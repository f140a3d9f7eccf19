// Developer aid: signs in as each demo role and screenshots the given pages, to look at the UI as a
// user would. `npx tsx scripts/dev/screenshots.ts http://localhost:3000 /tmp/shots / /campaigns ...`
import fs from "node:fs";
import { chromium } from "playwright-core";

const [base = "http://localhost:3000", outDir = "/tmp/shots", ...paths] = process.argv.slice(2);
const roles = (process.env.ROLES ?? "admin,manager,member").split(",");
fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
for (const role of roles) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("console", (m) => m.type() === "error" && console.log(`[${role}] console error: ${m.text()}`));
  await page.goto(`${base}/login`);
  await page.fill("#email", `${role}@demo.test`);
  await page.fill("#password", "readiness-demo");
  await page.click("button[type=submit]");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 15000 });
  for (const p of paths.length ? paths : ["/"]) {
    const res = await page.goto(`${base}${p}`);
    await page.waitForTimeout(500);
    const file = `${outDir}/${role}${p.replace(/[/?=&]/g, "_") || "_"}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(`${role} ${p} -> ${res?.status()} ${file}`);
  }
  await page.close();
}
await browser.close();
