// Finds the Chromium the end-to-end tests drive. `npx playwright install` cannot download here,
// so the tests use Debian's package: installed automatically when running as root.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`CHROMIUM_PATH points at ${configured}, which does not exist.`);
    return configured;
  }
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export function ensureChromium(log: (s: string) => void): string {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(
      "The end-to-end tests need Chromium, and none was found.\n" +
        "  Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n" +
        "  or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    );
  }
  log("Chromium is missing: installing Debian's chromium package (apt-get)…");
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  const installed = findChromium();
  if (!installed) throw new Error("apt-get installed chromium, but no chromium binary was found afterwards.");
  return installed;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  // This machine's network is closed: without these Chromium keeps trying to reach Google's hosts.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
