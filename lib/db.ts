import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// The one Prisma client. Secrets are omitted from every query unless a query asks for them
// explicitly with `omit: { passwordHash: false }`.
function createClient() {
  const adapter = new PrismaPg({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  return new PrismaClient({
    adapter,
    omit: {
      user: { passwordHash: true, inviteTokenHash: true },
      apiToken: { tokenHash: true },
    },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// `next dev` re-evaluates modules on every change; reuse one client there instead of leaking pools.
const globalForDb = globalThis as unknown as { trbDb?: Db };
export const db: Db = (process.env.NODE_ENV === "development" && globalForDb.trbDb) || createClient();
if (process.env.NODE_ENV === "development") globalForDb.trbDb = db;
