// The demo's past on the charts: seeded with its probes of the demo's own endpoints, every day from
// the campaign's start (May 2016) to the day before the demo clock is reconstructed, and the
// story it tells is the demo's own: scope growing through the year, last week's probes proving
// some endpoints ready.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRows } from "@/lib/db";
import { portIsFree } from "../../scripts/lib/database";

let closeEndpoints: () => Promise<void> = async () => undefined;
let log = "";
let campaignId = "";
// Read after the endpoint ports are chosen: the demo inventory takes them when it is imported.
let DEMO_INTEGRATIONS: { status: string }[] = [];

async function freeEndpointBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    if ((await Promise.all(Array.from({ length: 9 }, (_, i) => portIsFree(base + i)))).every(Boolean)) return base;
  }
  throw new Error("No nine consecutive free ports");
}

beforeAll(async () => {
  process.env.DEMO_ENDPOINT_PORT_BASE = String(await freeEndpointBase());
  const { seedDemo, DEMO_CLOCK_START } = await import("../../prisma/seed/demo");
  const { startDemoEndpoints } = await import("../../prisma/seed/demo-endpoints");
  const { backfillDemoHistory } = await import("../../prisma/seed/demo-history");
  ({ DEMO_INTEGRATIONS } = await import("../../prisma/seed/demo-integrations"));
  const endpoints = await startDemoEndpoints();
  closeEndpoints = endpoints.close;
  await seedDemo({ endpointsCaPem: endpoints.caPem });
  const started = Date.now();
  log = await backfillDemoHistory(DEMO_CLOCK_START);
  console.log(`demo backfill: ${log} in ${Date.now() - started} ms`);
  [{ id: campaignId }] = await readRows<{ id: string }>(`SELECT id::text AS id FROM campaigns`);
}, 120_000);

afterAll(async () => {
  await closeEndpoints();
});

const everyone = async () =>
  readRows<{ date: string; total: number; ready: number; added: number; retired: number; tls10: number; tls12: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS date, total, (verdicts->>'ready')::int AS ready, added, retired, tls10, tls12
       FROM readiness_snapshot_rows WHERE campaign_id = $1::uuid AND category = '*' AND owner = '*' ORDER BY day`,
    [campaignId],
  );

describe("the demo's history", () => {
  it("covers every day from the campaign's start to the day before the demo clock", async () => {
    const days = await everyone();
    expect(log).toMatch(/days up to 2017-02-19/);
    expect(days[0].date).toBe("2016-05-03");
    expect(days.at(-1)!.date).toBe("2017-02-19");
    expect(days).toHaveLength(293);
  });

  it("grows in scope as integrations were added, and loses the retired one", async () => {
    const days = await everyone();
    const last = days.at(-1)!;
    expect(last.total).toBe(DEMO_INTEGRATIONS.filter((d) => d.status !== "retired").length);
    expect(days.reduce((n, d) => n + d.added, 0)).toBe(DEMO_INTEGRATIONS.length);
    expect(days.reduce((n, d) => n + d.retired, 0)).toBe(1);
    expect(days.find((d) => d.date === "2016-07-01")!.total).toBeLessThan(last.total);
  });

  it("shows last week's probes: endpoints proven ready, and the versions they accept, from 13 February", async () => {
    const days = await everyone();
    const before = days.find((d) => d.date === "2017-02-12")!;
    const after = days.find((d) => d.date === "2017-02-13")!;
    expect(before.tls12).toBe(0);
    expect(after.tls12).toBeGreaterThan(0);
    expect(after.tls10).toBeGreaterThan(0);
    expect(after.ready).toBeGreaterThan(before.ready);
  });

  it("is idempotent: a second start reconstructs nothing", async () => {
    const { backfillDemoHistory } = await import("../../prisma/seed/demo-history");
    expect(await backfillDemoHistory("2017-02-20T09:00:00Z")).toBe("already up to date.");
  });
});
