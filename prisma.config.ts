// Prisma runs without its native schema engine here (the download host is unreachable):
// the JS engine talks to Postgres through the pg driver adapter. See docs/decisions/0001-prisma-without-native-engine.md.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to talk to.");
    return new PrismaPg({ connectionString: url });
  },
});
