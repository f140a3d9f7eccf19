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
    // Short queries only: Postgres's JIT compiles a plan whose estimated cost is high (a verdict
    // over the whole inventory) for 0.1–3 s before running it in milliseconds.
    options: "-c jit=off",
  });
  // An idle connection that dies with the server (a restart, a failover) is replaced on the next
  // query; without a listener its error event would end the process.
  pool.on("error", (err) => console.error(JSON.stringify({ level: "error", msg: "idle database connection lost", error: err.message })));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({
    adapter,
    omit: {
      user: { passwordHash: true, inviteTokenHash: true },
      apiToken: { tokenHash: true },
      webhook: { secret: true },
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

/**
 * A transaction on the shared pool without Prisma, for the few hot write paths that are plain SQL
 * (the worker's batched probe results). Rolls back on error; a connection that failed is dropped.
 */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  let broken: Error | null = null;
  // A server that goes away between two statements makes the client emit "error"; the failing
  // statement reports it too, so the event itself only needs a listener.
  const onError = (err: Error) => (broken = err);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    broken ??= err as Error;
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.off("error", onError);
    client.release(broken ?? undefined);
  }
}
