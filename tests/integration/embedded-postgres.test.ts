// The fresh-machine path: with no DATABASE_URL, the demo runs a real Postgres from the npm
// packages. As root it must run as another user; its data survives a restart.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { freePort, migrate } from "@/scripts/lib/database";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trb-embedded-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("embedded Postgres", () => {
  it("initialises, runs the migrations, keeps its data across a restart, and requires its password", async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir: dir, port });
    expect(first.started).toBe(true);
    try {
      await migrate(first.url());
      await query(first.url(), "INSERT INTO settings (key, value) VALUES ('probe', '\"kept\"')");
      const wrong = new pg.Client({ connectionString: first.url().replace(/:[^:@/]+@/, ":wrong@") });
      await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
      await wrong.end().catch(() => undefined);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir: dir, port });
    try {
      expect(await query(second.url(), "SELECT value FROM settings WHERE key = 'probe'")).toEqual([{ value: "kept" }]);
      const [{ lc_collate }] = await query(second.url(), "SHOW lc_collate");
      expect(lc_collate).toBe("C.UTF-8");
    } finally {
      await second.stop();
    }
  }, 120_000);
});
