// Starts the production build (built by scripts/test.ts into .next-test) against a database that
// holds the demo organisation, with the demo's simulated clock, as `npm run demo` would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { cloneTemplate } from "../support/databases";
import { freePort } from "@/scripts/lib/database";
import { startNextServer, waitForHealth } from "@/scripts/lib/app-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const { url } = await cloneTemplate("e2e");
  process.env.DATABASE_URL = url;
  const { seedDemo, DEMO_CLOCK_START } = await import("../../prisma/seed/demo");
  await seedDemo();
  const { db } = await import("@/lib/db");
  await db.$disconnect();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(os.tmpdir(), `trb-e2e-server-${port}.log`);
  const web = startNextServer(
    ".next-test",
    port,
    {
      DATABASE_URL: url,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
      NEXTAUTH_URL: baseUrl,
      APP_CLOCK_START: DEMO_CLOCK_START,
      APP_CLOCK_ANCHOR: String(Date.now()),
      PROBE_ALLOWED_RANGES: "127.0.0.0/8,::1/128",
    },
    { echo: false },
  );
  const log = fs.createWriteStream(logFile);
  web.child.stdout?.pipe(log);
  web.child.stderr?.pipe(log);
  try {
    await waitForHealth(baseUrl, web.child);
  } catch (err) {
    await web.stop();
    throw new Error(`${(err as Error).message}\nServer log: ${fs.readFileSync(logFile, "utf8").slice(-3000)}`);
  }
  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", url);
  return async () => {
    await web.stop();
    log.end();
  };
}
