import { describe, expect, it } from "vitest";
import { countdownParts, focusMilestone, formatPassed, formatRemaining } from "@/lib/campaigns/countdown";
import { safeReturnPath } from "@/lib/http/return-path";

const milestones = [
  { id: "p", name: "Production cutoff", dueAt: "2017-03-04T17:30:00Z" },
  { id: "s", name: "Sandbox cutoff", dueAt: "2016-06-25T16:30:00Z" },
];

describe("countdown", () => {
  it("focuses on the next milestone ahead", () => {
    const f = focusMilestone(milestones, new Date("2017-02-20T09:00:00Z"));
    expect(f).toMatchObject({ state: "upcoming", milestone: { id: "p" } });
    expect(f!.state === "upcoming" && formatRemaining(f!.msUntil)).toBe("12 days 8 hours 30 minutes");
    expect(countdownParts(f!.state === "upcoming" ? f!.msUntil : 0)).toEqual({ days: 12, hours: 8, minutes: 30, seconds: 0 });
  });

  it("reads 'passed N days ago' once every milestone has passed", () => {
    const f = focusMilestone(milestones, new Date("2017-03-07T18:00:00Z"));
    expect(f).toMatchObject({ state: "passed", milestone: { id: "p" } });
    expect(f!.state === "passed" && formatPassed(f!.msSince)).toBe("passed 3 days ago");
    expect(formatPassed(3_600_000)).toBe("passed today");
    expect(formatPassed(86_400_000)).toBe("passed 1 day ago");
  });

  it("handles the last minute and no milestones", () => {
    expect(formatRemaining(59_000)).toBe("less than a minute");
    expect(formatRemaining(61_000)).toBe("1 minute");
    expect(focusMilestone([], new Date())).toBeNull();
  });
});

describe("return path after sign-in", () => {
  it("only accepts paths on this site", () => {
    expect(safeReturnPath("/integrations?status=blocked")).toBe("/integrations?status=blocked");
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "javascript:alert(1)", "/login", "/api/v1/users", null, ""]) {
      expect(safeReturnPath(bad)).toBe("/");
    }
  });
});
