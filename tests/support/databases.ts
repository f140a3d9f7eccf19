// Throw-away databases for tests, cloned from the template that scripts/test.ts migrated once.
import { randomBytes } from "node:crypto";
import pg from "pg";

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\` (it prepares the databases).`);
  return v;
}

export function databaseUrl(name: string): string {
  return required("TEST_DATABASE_URL_PATTERN").replace("__DB__", name);
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: required("TEST_ADMIN_DATABASE_URL") });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** A new database with the migrations applied; its name starts with the run id so the runner drops it. */
export async function cloneTemplate(label: string): Promise<{ name: string; url: string }> {
  const name = `${required("TEST_RUN_ID")}_${label}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${required("TEST_TEMPLATE_DATABASE")}"`);
  return { name, url: databaseUrl(name) };
}

export async function emptyDatabase(label: string): Promise<{ name: string; url: string }> {
  const name = `${required("TEST_RUN_ID")}_${label}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return { name, url: databaseUrl(name) };
}
