// The demo's reminders fire for its 2017 milestones: on the demo's clock each of its owners with
// open work gets a digest, and its manager Monday's summary (with the charts' burn-down sentence,
// from the history the demo reconstructs before it starts), recorded in the delivery log.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemo, DEMO_CLOCK_START } from "../../prisma/seed/demo";
import { backfillDemoHistory } from "../../prisma/seed/demo-history";

beforeAll(async () => {
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  await seedDemo();
  await backfillDemoHistory(DEMO_CLOCK_START);
}, 120_000);

describe("the demo's notifications", () => {
  it("remind the demo's owners of the production cutoff and send its manager the weekly summary", async () => {
    const { scanOccasions } = await import("@/lib/notifications/scan");
    const { recorded } = await scanOccasions(new Date(DEMO_CLOCK_START), { send: false });
    expect(recorded).toBeGreaterThan(0);
    const deliveries = await db.delivery.findMany({ include: { user: true } });
    const reminders = deliveries.filter((d) => d.kind === "reminder");
    expect(reminders.length).toBeGreaterThanOrEqual(2);
    for (const r of reminders) {
      expect(r.user!.role, r.subject).not.toBe("MANAGER");
      expect(r.textBody).toContain("http://localhost:3000/my-work");
      expect(r.htmlBody).toContain("<html");
    }
    expect(reminders.map((r) => r.user!.email)).toContain("member@demo.test");
    const summary = deliveries.find((d) => d.kind === "weekly_summary");
    expect(summary?.user?.email).toBe("manager@demo.test");
    expect(summary?.textBody).toMatch(/(At this pace|On track: at this pace) ready on \d{4}-\d\d-\d\d, \d+ days? (after|before) the production cutoff\.|No progress in the last four weeks/);
    // Scanning again on the same clock records nothing new.
    expect((await scanOccasions(new Date(DEMO_CLOCK_START), { send: false })).recorded).toBe(0);
  });
});
