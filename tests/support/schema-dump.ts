// Describes a database's schema two ways for the drift check: pg_dump when the machine has a
// compatible one, and a catalog query that needs nothing but a connection.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";

const exec = promisify(execFile);

export async function catalogDescription(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const queries = [
      `SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS line
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      `SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`,
      `SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
      `SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal`,
      `SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace`,
    ];
    const lines: string[] = [];
    for (const q of queries) for (const row of (await client.query(q)).rows) lines.push(String(Object.values(row)[0]));
    return lines.sort();
  } finally {
    await client.end();
  }
}

/** `pg_dump --schema-only`, normalised; null when no pg_dump here can dump this server. */
export async function pgDump(url: string): Promise<string[] | null> {
  let out: string;
  try {
    ({ stdout: out } = await exec("pg_dump", ["--schema-only", "--no-owner", "--no-privileges", "--exclude-table=_prisma_migrations", url], {
      maxBuffer: 20 * 1024 * 1024,
    }));
  } catch (err) {
    const message = String((err as { stderr?: string }).stderr ?? err);
    if (/ENOENT|server version mismatch|aborting because of server version mismatch/.test(message)) return null;
    throw err;
  }
  const lines = out
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("--") && !l.startsWith("SET ") && !l.startsWith("SELECT pg_catalog.set_config") && !/^\\(un)?restrict /.test(l));
  return sortColumns(lines);
}

/**
 * Column order is not part of the contract: a column a migration adds lands after the columns a
 * hand-written object added earlier, while a database built in one go has it in schema order.
 * So each CREATE TABLE's column lines are compared as a set.
 */
function sortColumns(lines: string[]): string[] {
  const out: string[] = [];
  let block: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith("CREATE TABLE ")) {
      out.push(line);
      block = [];
    } else if (block && line.startsWith(")")) {
      out.push(...block.map((l) => l.replace(/,$/, "")).sort(), line);
      block = null;
    } else if (block) block.push(line);
    else out.push(line);
  }
  return out;
}
