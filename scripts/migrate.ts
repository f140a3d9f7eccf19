// `npm run migrate`: applies the committed migrations to DATABASE_URL, then makes sure the default
// campaign exists (a fresh installation starts with the Salesforce TLS 1.0 disablement) with its
// default checklists.
import "./lib/load-env";
import { ensurePrismaClient, migrate } from "./lib/database";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: say which database to migrate (postgresql://user:password@host:5432/name).");
  process.exit(2);
}
await ensurePrismaClient();
try {
  await migrate(url);
} catch (err) {
  // Prisma's own words say what is wrong (unreachable host, missing database, permissions).
  console.error(`Could not apply the migrations to ${new URL(url).host}${new URL(url).pathname}.\n${(err as Error).message.split("\n").slice(1).join("\n").trim()}`);
  process.exit(1);
}
const { ensureDefaultCampaign } = await import("@/lib/campaigns/defaults");
const { now } = await import("@/lib/clock");
const { created, checklistTemplates } = await ensureDefaultCampaign(now());
console.log(
  `Migrations applied.${created ? " Created the default campaign (Salesforce TLS 1.0 disablement)." : ""}` +
    `${checklistTemplates ? ` Gave it the default checklists (${checklistTemplates} items).` : ""}`,
);
const { db } = await import("@/lib/db");
await db.$disconnect();
