// Writes a new migration: the SQL diff between the schema in git (default HEAD) and the working
// schema. `prisma migrate dev` would do this, but it needs the native schema engine, which cannot
// be downloaded here (docs/decisions/0001-prisma-without-native-engine.md).
//
//   npm run migration:new -- <name> [--from <git-ref>]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, databaseServer, run } from "./lib/database";

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run migration:new -- <name> [--from <git-ref>]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const name = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--from");
if (!name || !/^[a-z0-9_]+$/.test(name)) usage("Give the migration a name of lowercase letters, digits and underscores.");
const fromIndex = args.indexOf("--from");
const ref = fromIndex >= 0 ? args[fromIndex + 1] : "HEAD";
if (!ref) usage("--from needs a git ref.");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "migration-"));
const previous = path.join(tmp, "previous.prisma");
try {
  fs.writeFileSync(previous, execFileSync("git", ["show", `${ref}:prisma/schema.prisma`], { cwd: ROOT }));
} catch {
  usage(`Could not read prisma/schema.prisma at ${ref}.`);
}

// The JS schema engine connects to a database even for a diff between two files; any reachable
// Postgres will do (it reads nothing from it).
const server = await databaseServer({ dataDir: ".data/postgres", port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
let sql: string;
try {
  sql = await run(
    path.join(ROOT, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: { DATABASE_URL: server.url("postgres") }, quiet: true },
  );
} finally {
  await server.stop();
}
const body = sql.replace(/^Loaded Prisma config.*\n/m, "").trim();
if (!body || /^-- This is an empty migration\.?$/.test(body)) {
  console.log(`No schema changes since ${ref}: nothing written.`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(ROOT, "prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), `${body}\n`);
console.log(`Wrote ${path.relative(ROOT, dir)}/migration.sql. Review it, and if it needs a hand-written object from prisma/manual/, append that file's text.`);
