import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseEnv } from "@/lib/env";

// The one Prisma client, and the pg pool under it. Secrets are omitted from every query unless a
// query asks for them explicitly with `omit: { passwordHash: false }`.
//
// The pool is shared with `readRows` below: the few hot, read-only list queries run as plain SQL
// on it, because Prisma's result mapping costs ~3x the CPU of pg's for a page of rows
// (docs/decisions/0003-hot-reads-in-sql.md). Everything that writes goes through Prisma.
//
// A request waits at most DATABASE_POOL_TIMEOUT_MS for a connection: when every connection is busy
// (or the database is down) it fails fast with 503 instead of queueing without end.
function createClient() {
  const settings = databaseEnv();
  const pool = new pg.Pool({
    connectionString: settings.DATABASE_URL,
    max: settings.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: settings.DATABASE_POOL_TIMEOUT_MS,
  });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({
    adapter,
    omit: {
      user: { passwordHash: true, inviteTokenHash: true },
      apiToken: { tokenHash: true },
    },
  });
  return Object.assign(client, { pool });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// `next dev` re-evaluates modules on every change; reuse one client there instead of leaking pools.
const globalForDb = globalThis as unknown as { trbDb?: Db };
export const db: Db = (process.env.NODE_ENV === "development" && globalForDb.trbDb) || createClient();
if (process.env.NODE_ENV === "development") globalForDb.trbDb = db;

/** A read-only query on the shared pool; values are bound as $1, $2… never spliced into the text. */
export async function readRows<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await db.pool.query<T>(text, values)).rows;
}
