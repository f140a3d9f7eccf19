// Each integration test file gets its own database, cloned from the migrated template, so files run
// in parallel without seeing each other's rows.
import { afterAll } from "vitest";
import { cloneTemplate } from "../support/databases";

const { url } = await cloneTemplate("it");
process.env.DATABASE_URL = url;
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
// Info lines (a job host starting, a scheduled job sent) would drown the report; errors still
// print, and a test that logs one fails (tests/support/fail-on-console-error.ts). Worker
// processes the tests start inherit it.
process.env.LOG_LEVEL ??= "silent";

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
});
