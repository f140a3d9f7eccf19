// /api/health tells a load balancer the truth about the database: 503 while it is down (and
// quickly: a monitor must not hang), 200 again once it is back, without restarting the app. A
// Postgres of this test's own is stopped (fast shutdown, the pool's connections cut) and started
// again twice; the route handler runs in this process on the app's one pool.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { freePort, migrate } from "@/scripts/lib/database";
import { takeConsoleErrors } from "../support/fail-on-console-error";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trb-health-"));
const port = await freePort();
let server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: dir, port, log: () => undefined });
await migrate(server.url());
process.env.DATABASE_URL = server.url();
process.env.DATABASE_POOL_TIMEOUT_MS = "2000";

const { db } = await import("@/lib/db");
const { GET: health } = await import("@/app/api/health/route");

afterAll(async () => {
  await db.$disconnect();
  await server.stop().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function ask(): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const res = await health();
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms: performance.now() - started };
}

describe("/api/health across a database restart", () => {
  it("answers 503 while the database is down and 200 once it is back", async () => {
    // Warm: several pooled connections open, so the restart cuts live ones, not only new ones.
    await Promise.all(Array.from({ length: 4 }, () => ask()));
    expect(await ask()).toMatchObject({ status: 200, body: { status: "ok", database: "ok" } });

    for (let round = 0; round < 2; round++) {
      await server.stop();
      for (let i = 0; i < 3; i++) {
        const down = await ask();
        expect(down.status, `round ${round}, ask ${i}`).toBe(503);
        expect(down.body).toEqual({ status: "degraded", database: "unreachable" });
        expect(down.ms).toBeLessThan(3000);
      }

      server = await startEmbeddedPostgres({ dataDir: dir, port, log: () => undefined });
      // Back within a few seconds of the database, on the same process and pool.
      const deadline = Date.now() + 15_000;
      let up = await ask();
      while (up.status !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        up = await ask();
      }
      expect(up).toMatchObject({ status: 200, body: { status: "ok", database: "ok" } });
      // And it stays up: no broken connection left in the pool to fail a later check.
      const after = await Promise.all(Array.from({ length: 6 }, () => ask()));
      expect(after.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    }
    // The pool logs each idle connection the shutdown cut; that is expected here.
    expect(takeConsoleErrors().every((e) => /idle database connection lost/.test(e))).toBe(true);
  }, 120_000);
});
