// Stored probe results written before the floor check was renamed ("verdict" -> "floorCheck")
// are renamed by migration 20261130090000; this runs that migration's SQL on such a row.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeIntegration } from "../support/factories";

const MIGRATION = path.resolve(import.meta.dirname, "../../prisma/migrations/20261130090000_probe_result_floor_check/migration.sql");

describe("the floorCheck migration", () => {
  it("renames the key in old results, leaves new ones and empty ones alone, and can run twice", async () => {
    const row = await makeIntegration({ endpointHost: "h.example.com" });
    const check = { floor: "TLSv1.1", meetsFloor: true, acceptsBelowFloor: false };
    const make = (result: object | undefined) =>
      db.probe.create({ data: { integrationId: row.id, host: "h.example.com", port: 443, floor: "TLSv1_1", status: "done", queuedAt: new Date(), result } });
    const old = await make({ target: { host: "h.example.com" }, verdict: check, durationMs: 12 });
    const current = await make({ target: { host: "h.example.com" }, floorCheck: check, durationMs: 7 });
    const none = await make(undefined);
    const sql = fs.readFileSync(MIGRATION, "utf8");
    await db.$executeRawUnsafe(sql);
    await db.$executeRawUnsafe(sql);
    const read = async (id: string) => (await db.probe.findUniqueOrThrow({ where: { id } })).result;
    expect(await read(old.id)).toEqual({ target: { host: "h.example.com" }, floorCheck: check, durationMs: 12 });
    expect(await read(current.id)).toEqual({ target: { host: "h.example.com" }, floorCheck: check, durationMs: 7 });
    expect(await read(none.id)).toBeNull();
  });
});
