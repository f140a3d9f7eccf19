// The one optimistic-locking helper, on two different models and inside a transaction: a stale
// version is refused with 409 and the current record, nothing of the transaction is kept, and of
// two writers racing from the same version exactly one wins.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { assertCurrentVersion, conflictMessage, deleteVersioned, updateVersioned } from "@/lib/concurrency";
import { makeCampaign, makeIntegration } from "../support/factories";

describe("optimistic locking", () => {
  it("writes at the expected version and bumps it; refuses a stale one with the current record, inside a transaction", async () => {
    const row = await makeIntegration({ notes: "original" });
    const read = () => db.integration.findUnique({ where: { id: row.id }, select: { id: true, notes: true, version: true } });
    await updateVersioned(db.integration, { where: { id: row.id }, expected: 1, data: { notes: "first" }, what: "this integration", current: read });
    expect(await read()).toEqual({ id: row.id, notes: "first", version: 2 });

    const stale = db.$transaction(async (tx) => {
      await tx.integration.update({ where: { id: row.id }, data: { vendor: "written before the conflict" } });
      await updateVersioned(tx.integration, { where: { id: row.id }, expected: 1, data: { notes: "stale" }, what: "this integration", current: read });
    });
    await expect(stale).rejects.toMatchObject({ status: 409, message: conflictMessage("this integration"), current: { notes: "first", version: 2 } });
    // The whole transaction rolled back: nothing is half-saved.
    expect(await db.integration.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ notes: "first", vendor: "", version: 2 });
  });

  it("works for any versioned model, and lets exactly one of two racing writers win", async () => {
    const campaign = await makeCampaign();
    const [milestone] = campaign.milestones;
    const current = () => db.milestone.findUnique({ where: { id: milestone.id } });
    const write = (day: number) =>
      db.$transaction((tx) => updateVersioned(tx.milestone, { where: { id: milestone.id }, expected: milestone.version, data: { dueAt: new Date(Date.UTC(2017, 2, day)) }, what: "the cutoff", current }));
    const results = await Promise.allSettled([write(4), write(5)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect((await current())?.version).toBe(milestone.version + 1);
  });

  it("checks early and deletes only at the expected version", async () => {
    const row = await makeIntegration();
    expect(() => assertCurrentVersion({ version: 2 }, 1, "this integration", "Review it before deleting.")).toThrow(conflictMessage("this integration", "Review it before deleting."));
    const current = () => db.integration.findUnique({ where: { id: row.id } });
    await expect(deleteVersioned(db.integration, { where: { id: row.id }, expected: 9, what: "this integration", current })).rejects.toBeInstanceOf(ConflictError);
    await deleteVersioned(db.integration, { where: { id: row.id }, expected: 1, what: "this integration", current });
    expect(await current()).toBeNull();
  });
});
