// Each integration test file gets its own database, cloned from the migrated template, so files run
// in parallel without seeing each other's rows.
import { afterAll } from "vitest";
import { cloneTemplate } from "../support/databases";

const { url } = await cloneTemplate("it");
process.env.DATABASE_URL = url;
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
});
