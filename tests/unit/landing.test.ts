// Where each role lands at "/" (and after sign-in), and what the navigation offers it.
import { describe, expect, it } from "vitest";
import { LANDING, MANAGER_LANDING, landingFor, navigationFor } from "@/lib/navigation";
import { VERDICT_FILTERS, verdictFilterLabel } from "@/lib/readiness/verdict";

describe("landing", () => {
  it("sends admins to the board, members to their work, managers to MANAGER_LANDING", () => {
    expect(landingFor({ role: "ADMIN" })).toBe("/board");
    expect(landingFor({ role: "MEMBER" })).toBe("/my-work");
    expect(landingFor({ role: "MANAGER" })).toBe(MANAGER_LANDING);
    // Every landing is a page the role's navigation offers.
    for (const role of ["ADMIN", "MANAGER", "MEMBER"] as const) {
      const hrefs = navigationFor({ role }).flatMap((s) => s.items.map((i) => i.href));
      expect(hrefs, role).toContain(LANDING[role]);
    }
  });

  it("offers My work only to roles that tick", () => {
    const labels = (role: "ADMIN" | "MANAGER" | "MEMBER") => navigationFor({ role })[0].items.map((i) => i.label);
    expect(labels("MEMBER").slice(0, 3)).toEqual(["Board", "My work", "Overview"]);
    expect(labels("MANAGER").slice(0, 2)).toEqual(["Board", "Overview"]);
  });
});

describe("verdict filters", () => {
  it("offer each ready basis apart, each with its own label", () => {
    expect(VERDICT_FILTERS).toEqual(expect.arrayContaining(["ready", "ready-proven", "ready-declared", "ready-checklist", "unverified"]));
    expect(verdictFilterLabel("ready-checklist")).toBe("Ready (checklist)");
    expect(verdictFilterLabel("ready")).toBe("Ready (any basis)");
    expect(new Set(VERDICT_FILTERS.map(verdictFilterLabel)).size).toBe(VERDICT_FILTERS.length);
  });
});
