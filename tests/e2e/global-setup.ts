// Starts the production build (built by scripts/test.ts into .next-test) against a database that
// holds the demo organisation, with the demo's simulated clock, as `npm run demo` would.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { cloneTemplate } from "../support/databases";
import { startOidcProvider } from "../support/oidc-provider";
import { freePort, portIsFree } from "@/scripts/lib/database";
import { startNextServer, startWorker, waitForHealth } from "@/scripts/lib/app-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    oidcIssuer: string;
  }
}

/** Nine consecutive free ports for the demo endpoints, away from a demo that may be running. */
async function freeEndpointBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    const free = await Promise.all(Array.from({ length: 9 }, (_, i) => portIsFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error("No nine consecutive free ports for the demo endpoints");
}

export default async function setup(project: TestProject) {
  const { url } = await cloneTemplate("e2e");
  process.env.DATABASE_URL = url;
  process.env.DEMO_ENDPOINT_PORT_BASE = String(await freeEndpointBase());
  const { seedDemo, DEMO_CLOCK_START } = await import("../../prisma/seed/demo");
  const { startDemoEndpoints } = await import("../../prisma/seed/demo-endpoints");
  const endpoints = await startDemoEndpoints();
  await seedDemo({ endpointsCaPem: endpoints.caPem });
  // The charts show the demo's past, as `npm run demo` does.
  const { backfillDemoHistory } = await import("../../prisma/seed/demo-history");
  await backfillDemoHistory(DEMO_CLOCK_START);
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  const caFile = path.join(os.tmpdir(), `trb-e2e-ca-${process.pid}.pem`);
  fs.writeFileSync(caFile, endpoints.caPem);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(os.tmpdir(), `trb-e2e-server-${port}.log`);
  // A real (test) OpenID Connect provider, so single sign-on is exercised end to end.
  const idp = await startOidcProvider();
  const env = {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_DISPLAY_NAME: "Test IdP",
    DATABASE_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
    NEXTAUTH_URL: baseUrl,
    APP_CLOCK_START: DEMO_CLOCK_START,
    APP_CLOCK_ANCHOR: String(Date.now()),
    PROBE_ALLOWED_RANGES: "127.0.0.0/8,::1/128",
    PROBE_CA_BUNDLE: caFile,
  };
  const web = startNextServer(".next-test", port, env, { echo: false });
  const worker = startWorker(env, { echo: false });
  const log = fs.createWriteStream(logFile);
  for (const child of [web.child, worker.child]) {
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  try {
    await waitForHealth(baseUrl, web.child);
  } catch (err) {
    await Promise.all([web.stop(), worker.stop(), endpoints.close(), idp.close()]);
    throw new Error(`${(err as Error).message}\nServer log: ${fs.readFileSync(logFile, "utf8").slice(-3000)}`);
  }
  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", url);
  project.provide("oidcIssuer", idp.issuer);
  return async () => {
    await Promise.all([web.stop(), worker.stop()]);
    await endpoints.close();
    await idp.close();
    fs.rmSync(caFile, { force: true });
    log.end();
  };
}
