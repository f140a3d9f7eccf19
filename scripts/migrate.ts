// `npm run migrate`: applies the committed migrations to DATABASE_URL, then makes sure the default
// campaign exists (a fresh installation starts with the Salesforce TLS 1.0 disablement).
import { ensurePrismaClient, migrate } from "./lib/database";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: say which database to migrate (postgresql://user:password@host:5432/name).");
  process.exit(2);
}
await ensurePrismaClient();
await migrate(url);
const { ensureDefaultCampaign } = await import("@/lib/campaigns/defaults");
const { now } = await import("@/lib/clock");
const { created } = await ensureDefaultCampaign(now());
console.log(`Migrations applied.${created ? " Created the default campaign (Salesforce TLS 1.0 disablement)." : ""}`);
const { db } = await import("@/lib/db");
await db.$disconnect();
