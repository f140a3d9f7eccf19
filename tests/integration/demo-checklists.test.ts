// The demo's checklist history must be believable: every tick by someone who could make it, at a
// time they could have made it, on work that had started; so the board shows something true.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_TEMPLATES } from "@/lib/checklists/default-templates";
import { seedDemo, DEMO_CLOCK_START } from "../../prisma/seed/demo";
import { DEMO_INTEGRATIONS } from "../../prisma/seed/demo-integrations";

const clock = new Date(DEMO_CLOCK_START);

beforeAll(async () => {
  await seedDemo();
}, 60_000);

describe("the demo's checklists", () => {
  it("give every integration its category's items in the default campaign", async () => {
    const integrations = await db.integration.findMany({ include: { checklistItems: { include: { template: true } } } });
    expect(integrations).toHaveLength(DEMO_INTEGRATIONS.length);
    for (const i of integrations) {
      expect(i.checklistItems.map((c) => c.template.title).sort(), i.name).toEqual(DEFAULT_TEMPLATES[i.category].map((t) => t.title).sort());
    }
  });

  it("hold only ticks their owners (or an admin) could have made, when they could have made them", async () => {
    // People's ticks; the Login History import's own are checked below.
    const ticks = await db.checklistTick.findMany({ where: { source: "person" }, include: { integration: true, by: true, item: { include: { template: true } } } });
    expect(ticks.length).toBeGreaterThan(50);
    for (const t of ticks) {
      const what = `${t.integration?.name ?? "campaign"}: ${t.title}`;
      expect(t.at.getTime(), what).toBeLessThan(clock.getTime());
      expect(t.source, what).toBe("person");
      expect(t.by, what).not.toBeNull();
      expect(t.at.getTime(), `${what} after its ticker's last sign-in`).toBeLessThanOrEqual(t.by!.lastSignInAt!.getTime());
      if (t.integration) {
        expect(t.at.getTime(), `${what} before the integration existed`).toBeGreaterThanOrEqual(t.integration.createdAt.getTime());
        expect(t.integration.status, `${what}: a tick moves "not started" on`).not.toBe("not_started");
        expect([t.integration.ownerId, t.by!.role === "ADMIN" ? t.byId : null], what).toContain(t.byId);
      } else {
        expect(t.by!.role, what).toBe("ADMIN");
      }
      if (t.item.template.evidence === "link") expect(t.evidenceUrl, what).toMatch(/^https:\/\//);
      if (t.item.template.evidence === "note") expect(t.note, what).toBeTruthy();
    }
    const audit = await db.auditLog.findMany({ where: { action: { startsWith: "checklist." }, NOT: { actorLabel: "system" } } });
    expect(audit).toHaveLength(ticks.length);
    expect(audit.every((a) => a.at < clock)).toBe(true);
  });

  it("have some API clients fully ticked, most not", async () => {
    const apis = await db.integration.findMany({ where: { category: "api" }, include: { checklistItems: true } });
    const complete = apis.filter((a) => a.checklistItems.every((i) => i.done)).map((a) => a.name).sort();
    // ERP order sync's last item, its Login History confirmation, was ticked by the import.
    expect(complete).toEqual(["ERP order sync", "Jira issue sync", "Reporting extract"]);
    expect(apis.length).toBeGreaterThan(complete.length * 4);
  });

  it("have the Login History import tick the items of the linked clients on TLS 1.2 only, before the clock", async () => {
    const imports = await db.loginHistoryImport.findMany();
    expect(imports.map((i) => [i.status, i.rowsRead, i.rowsRefused])).toEqual([["done", 4000, 0]]);
    expect(imports[0].finishedAt!.getTime()).toBeLessThan(clock.getTime());
    expect(await db.loginHistoryLogin.count({ where: { loginAt: { gte: clock } } })).toBe(0);
    const ticks = await db.checklistTick.findMany({ where: { source: "import" }, include: { integration: true } });
    expect(ticks.map((t) => t.integration?.name).sort()).toEqual(["ERP order sync", "Field sales laptops", "Marketing Macs"]);
    expect(ticks.every((t) => t.title.startsWith("Confirm in Login History that"))).toBe(true);
    expect(ticks.every((t) => t.at < clock && t.byId === null)).toBe(true);
    const audit = await db.auditLog.findMany({ where: { action: "checklist.tick", actorLabel: "system" } });
    expect(audit.map((a) => a.at < clock)).toEqual([true, true, true]);
    expect(await db.loginHistoryLink.count()).toBe(12);
  });
});
