// Prisma runs without its native schema engine here (the download host is unreachable): the JS
// engine talks to Postgres through the pg driver adapter. See docs/decisions/0001-prisma-without-native-engine.md.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * The pg adapter applies a migration by splitting it at every ";", which breaks any statement
 * with a semicolon inside it (a PL/pgSQL function body, a comment). Postgres runs a multi-statement
 * script in one simple query, as one implicit transaction, which is what the native engine did.
 */
class WholeScriptPg extends PrismaPg {
  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    const inner = adapter as unknown as {
      client: { query: (sql: string) => Promise<unknown> };
      onError: (e: unknown) => never;
    };
    adapter.executeScript = async (script: string) => {
      try {
        await inner.client.query(script);
      } catch (error) {
        inner.onError(error);
      }
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to talk to.");
    return new WholeScriptPg({ connectionString: url });
  },
});
