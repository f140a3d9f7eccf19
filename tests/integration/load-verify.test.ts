// The load benchmark's check for lost updates must be able to fail: acknowledged writes that are
// all in the database pass; two 200s from the same version, a row that does not end at its last
// acknowledged write, a write missing from the audit log, and a 409 nobody's write explains fail.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateIntegration } from "@/lib/integrations/service";
import { verifyWrites, type Write } from "@/bench/load-verify";
import { makeIntegration, makeUser } from "../support/factories";

const url = () => process.env.DATABASE_URL!;

describe("the load benchmark's lost-update check", () => {
  it("passes writes that are all in the database, and fails each kind of loss", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const row = await makeIntegration();
    const writes: Write[] = [];
    for (const [sent, notes] of [[1, "first"], [2, "second"]] as const) {
      const updated = await updateIntegration(admin, row.id, { version: sent, notes });
      writes.push({ kind: "edit", id: row.id, sent, version: updated.version, value: notes });
    }
    const initial = new Map([[row.id, 1]]);
    const good = await verifyWrites(url(), writes, [{ kind: "edit", id: row.id, sent: 1, current: 2 }], initial);
    expect(good).toMatchObject({ lost: 0, unreal: 0 });

    // Two 200s from version 2: one of them was lost.
    const twice = await verifyWrites(url(), [...writes, { kind: "edit", id: row.id, sent: 2, version: 3, value: "third" }], [], initial);
    expect(twice.lost).toBeGreaterThan(0);

    // The row moved on without an acknowledged write (or lost the last one).
    await db.integration.update({ where: { id: row.id }, data: { notes: "overwritten", version: 4 } });
    const overwritten = await verifyWrites(url(), writes, [], initial);
    expect(overwritten.lost).toBeGreaterThan(0);
    expect(overwritten.lines.join("\n")).toMatch(/not the last acknowledged edit/);

    // A 409 whose version no acknowledged write had moved, or whose current did not move.
    const unreal = await verifyWrites(url(), [], [{ kind: "edit", id: row.id, sent: 3, current: 3 }], initial);
    expect(unreal.unreal).toBe(1);
  });
});
