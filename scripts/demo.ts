// The demo: a real Postgres (embedded unless DATABASE_URL is set), migrations, the demo
// organisation, a production build, the web server and a probe worker (restarted if it dies).
// Ctrl-C stops everything it started, Postgres included, and says "Stopped." when it has.
import fs from "node:fs";
import path from "node:path";
import { createDatabase, databaseExists, databaseServer, ensurePrismaClient, migrate, portIsFree } from "./lib/database";
import { ROOT } from "./lib/database";
import { buildIfStale, keepRunning, persistentSecret, startNextServer, startWorker, waitForHealth, type Started } from "./lib/app-process";

const log = (s: string) => console.log(`[demo] ${s}`);
// Where the demo keeps its Postgres, session secret and CA (a test points it elsewhere).
const DATA_DIR = process.env.DEMO_DATA_DIR || ".data";
// The build to serve: .next, or the tests' .next-test.
const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
const started: Started[] = [];
let stopDatabase: (() => Promise<void>) | null = null;
let stopEndpoints: (() => Promise<void>) | null = null;
let stopMail: (() => Promise<void>) | null = null;
let stopSender: (() => Promise<void>) | null = null;
let stopping: Promise<void> | null = null;

/**
 * Stops everything, once. A terminal's Ctrl-C reaches every process of the group, and the npm
 * wrapper passes it on too: a second or third signal waits for the same stop instead of exiting
 * halfway through it (which left Postgres running).
 */
async function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    log("Stopping…");
    await Promise.allSettled(started.reverse().map((s) => s.stop()));
    if (stopSender) await stopSender().catch(() => undefined);
    if (stopEndpoints) await stopEndpoints().catch(() => undefined);
    if (stopMail) await stopMail().catch(() => undefined);
    if (stopDatabase) await stopDatabase().catch((e) => log(`Postgres did not stop cleanly: ${e.message}`));
    log("Stopped.");
  })();
  await stopping;
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

async function choosePort(preferred: number): Promise<number> {
  for (let p = preferred; p < preferred + 20; p++) if (await portIsFree(p)) return p;
  throw new Error(`No free port between ${preferred} and ${preferred + 19}; set PORT to one that is free.`);
}

async function main() {
  await ensurePrismaClient();
  let url = process.env.DATABASE_URL;
  if (!url) {
    const server = await databaseServer({ dataDir: path.join(DATA_DIR, "postgres"), port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), log });
    if (!(await databaseExists(server.url("postgres"), "readiness"))) await createDatabase(server.url("postgres"), "readiness");
    url = server.url("readiness");
    stopDatabase = server.stop;
  } else {
    log("Using the database in DATABASE_URL.");
  }
  log("Applying migrations…");
  await migrate(url);
  process.env.DATABASE_URL = url;

  const { seedDemo, databaseHasUsers, DEMO_CLOCK_START, DEMO_PASSWORD, DEMO_USERS } = await import("../prisma/seed/demo");
  const { startDemoEndpoints } = await import("../prisma/seed/demo-endpoints");
  log("Starting the demo's own TLS and SMTP endpoints on 127.0.0.1…");
  const endpoints = await startDemoEndpoints();
  stopEndpoints = endpoints.close;
  // A real SMTP server of the demo's own that accepts every message, so reminders have somewhere
  // to go; the delivery log shows what each of the demo's people would have received.
  const { startMailSink } = await import("../lib/notifications/testing/mail-sink");
  const mail = await startMailSink({ port: Number(process.env.DEMO_SMTP_PORT ?? 0) });
  stopMail = mail.close;
  const caFile = path.resolve(ROOT, DATA_DIR, "demo-ca.pem");
  fs.mkdirSync(path.dirname(caFile), { recursive: true }); // absent when DATABASE_URL points elsewhere
  fs.writeFileSync(caFile, endpoints.caPem);
  let seeded = false;
  if (await databaseHasUsers()) {
    log("The database already has users: keeping its data as it is.");
  } else {
    log("Loading the demo organisation (and probing its endpoints for last week's history)…");
    await seedDemo({ endpointsCaPem: endpoints.caPem });
    seeded = true;
  }
  // The charts show the past: every day up to the demo clock's start that has no snapshot yet is
  // reconstructed from the audit log and the probe history (fast after the first start).
  const { backfillDemoHistory } = await import("../prisma/seed/demo-history");
  log(`Reconstructing the daily readiness history… ${await backfillDemoHistory(process.env.APP_CLOCK_START ?? DEMO_CLOCK_START)}`);

  await buildIfStale(DIST_DIR, log);
  const port = await choosePort(Number(process.env.PORT ?? 3000));
  const baseUrl = `http://localhost:${port}`;
  const clockStart = process.env.APP_CLOCK_START ?? DEMO_CLOCK_START;
  const clockAnchor = Date.now();
  const env = {
    DATABASE_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? persistentSecret(path.join(DATA_DIR, "auth-secret")),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? baseUrl,
    APP_CLOCK_START: clockStart,
    // Every process of this demo shares one anchor, so their simulated clocks agree.
    APP_CLOCK_ANCHOR: String(clockAnchor),
    PROBE_ALLOWED_RANGES: process.env.PROBE_ALLOWED_RANGES ?? "127.0.0.0/8,::1/128",
    // The demo endpoints' certificates come from a test CA: trusted here, as an internal CA would be.
    PROBE_CA_BUNDLE: process.env.PROBE_CA_BUNDLE ?? caFile,
    SMTP_URL: process.env.SMTP_URL ?? mail.url,
    MAIL_FROM: process.env.MAIL_FROM ?? "TLS Readiness Board (demo) <readiness@demo.test>",
  };
  const web = startNextServer(DIST_DIR, port, env);
  started.push(web);
  web.child.once("exit", (code, signal) => {
    if (!stopping) {
      log(`The web server exited (${signal ?? code}).`);
      void shutdown(1);
    }
  });
  started.push(keepRunning("probe worker", () => startWorker(env), log));
  await waitForHealth(baseUrl, web.child);
  await sendDueNotifications(env, Date.parse(clockStart) + (Date.now() - clockAnchor));

  const signIns = DEMO_USERS.filter((u) => u.signIn)
    .map((u) => `    ${u.role.padEnd(8)} ${u.email}`)
    .join("\n");
  console.log(`
  TLS Readiness Board is running at ${baseUrl}
  ${seeded ? "Loaded the demo organisation." : "Using the existing data."} Sign in as (password: ${DEMO_PASSWORD}):
${signIns}
  The app's clock started at ${clockStart} and runs forward (APP_CLOCK_START).
  Email goes to the demo's own SMTP server (${env.SMTP_URL}); see it in Administration → Delivery log.
  A probe worker runs beside it; the demo's endpoints listen on 127.0.0.1:${endpoints.servers.map((e) => e.port).join(",")}.
  Data: ${process.env.DATABASE_URL && !stopDatabase ? "the database in DATABASE_URL" : path.join(DATA_DIR, "postgres")}. Press Ctrl-C to stop.
`);
}

/**
 * What is due on the demo's clock now (its 2017 reminders, regressions, Monday's summary), recorded
 * and queued for the worker at once: the schedule would otherwise first fire a quarter of an hour
 * in. Recording is once per recipient and occasion, so a restarted demo sends nothing twice.
 */
async function sendDueNotifications(env: Record<string, string>, appNowMs: number): Promise<void> {
  Object.assign(process.env, { NEXTAUTH_URL: env.NEXTAUTH_URL, SMTP_URL: env.SMTP_URL, MAIL_FROM: env.MAIL_FROM });
  const { scanOccasions } = await import("../lib/notifications/scan");
  const { stopQueue } = await import("../lib/jobs/queue");
  stopSender = stopQueue;
  const { recorded } = await scanOccasions(new Date(appNowMs));
  log(`Queued ${recorded} notification${recorded === 1 ? "" : "s"} due on the demo's clock.`);
}

main().catch(async (err) => {
  console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
