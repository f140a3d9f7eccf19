// The committed migrations and the Prisma schema must describe the same database. Migrations are
// written by a diff (npm run migration:new), so a schema edit without its migration, or a
// hand-edited migration, shows up here.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { catalogDescription, pgDump } from "../support/schema-dump";
import { cloneTemplate, emptyDatabase } from "../support/databases";

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "..", "..");

async function runSql(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function buildFromSchema(): Promise<string> {
  const target = await emptyDatabase("schema");
  const { stdout } = await exec(
    path.join(ROOT, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: target.url }, maxBuffer: 10 * 1024 * 1024 },
  );
  const manualDir = path.join(ROOT, "prisma", "manual");
  const manual = fs.readdirSync(manualDir).sort().map((f) => fs.readFileSync(path.join(manualDir, f), "utf8"));
  await runSql(target.url, [stdout, ...manual].join("\n"));
  return target.url;
}

describe("migrations and schema", () => {
  it("build the same database", async () => {
    const fromMigrations = (await cloneTemplate("migrated")).url;
    const fromSchema = await buildFromSchema();
    expect(await catalogDescription(fromSchema)).toEqual(await catalogDescription(fromMigrations));
    const [a, b] = await Promise.all([pgDump(fromMigrations), pgDump(fromSchema)]);
    if (a && b) expect(b).toEqual(a);
  }, 60_000);

  it("would notice a difference", async () => {
    const drifted = (await cloneTemplate("drifted")).url;
    const clean = (await cloneTemplate("clean")).url;
    await runSql(drifted, `CREATE INDEX drift_probe ON "users" ("name")`);
    expect(await catalogDescription(drifted)).not.toEqual(await catalogDescription(clean));
    const [a, b] = await Promise.all([pgDump(drifted), pgDump(clean)]);
    if (a && b) expect(a).not.toEqual(b);
  });
});
