// Database plumbing shared by the demo, the start script, the test runner and the benchmarks.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface DatabaseServer {
  /** A URL for `database` on this server. */
  url: (database: string) => string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export function run(cmd: string, args: string[], opts: { env?: Record<string, string | undefined>; quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (!opts.quiet) process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      out += d;
      if (!opts.quiet) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}:\n${out}`))));
  });
}

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

/** Regenerates the Prisma client when the schema changed since the last generation. */
export async function ensurePrismaClient(): Promise<void> {
  const schema = await fs.readFile(path.join(ROOT, "prisma", "schema.prisma"));
  const hash = createHash("sha256").update(schema).digest("hex");
  const stamp = path.join(ROOT, "lib", "generated", "prisma", ".schema-hash");
  if ((await fs.readFile(stamp, "utf8").catch(() => "")) === hash) return;
  // generate reads no database, but the config insists on a URL being present.
  await run(bin("prisma"), ["generate"], { env: { DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://localhost/unused" }, quiet: true });
  await fs.writeFile(stamp, hash);
}

export async function migrate(url: string): Promise<void> {
  await run(bin("prisma"), ["migrate", "deploy"], { env: { DATABASE_URL: url }, quiet: true });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** DATABASE_URL's server when set, else an embedded Postgres with its data under .data/. */
export async function databaseServer(opts: { dataDir: string; port?: number; log?: (s: string) => void }): Promise<DatabaseServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    return {
      url: (database) => {
        const u = new URL(configured);
        u.pathname = `/${database}`;
        return u.toString();
      },
      embedded: false,
      stop: async () => undefined,
    };
  }
  // A preferred port that something else holds is not worth failing over: take a free one.
  const port = opts.port && (await portIsFree(opts.port)) ? opts.port : await freePort();
  const server = await startEmbeddedPostgres({ dataDir: opts.dataDir, port, log: opts.log });
  return { url: server.url, embedded: true, stop: server.stop };
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`));
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  return withClient(adminUrl, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
}

export async function dropDatabases(adminUrl: string, prefix: string): Promise<number> {
  return withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    return rows.length;
  });
}
