// The burn-down's arithmetic with the clock passed in: the ideal line, the weighted pace, the
// projected ready day and the sentence, including no progress, scope growth and after the cutoff.
import { describe, expect, it } from "vitest";
import { burndown, idealAt, paceOf, projectReadiness, projectionSentence, type BurnPoint } from "@/lib/history/projection";
import { shiftDay } from "@/lib/history/days";

/** Daily points from `start`, one per entry of notReady, with a fixed scope unless given. */
function series(start: string, notReady: number[], total: number | number[] = 40): BurnPoint[] {
  return notReady.map((n, i) => {
    const t = Array.isArray(total) ? total[i] : total;
    return { date: shiftDay(start, i), notReady: n, ready: t - n, total: t };
  });
}

describe("the ideal line", () => {
  it("runs straight from the scope at the start to zero at the milestone, and stays at zero after", () => {
    expect(idealAt("2017-01-01", 40, "2017-01-01", "2017-01-21")).toBe(40);
    expect(idealAt("2017-01-11", 40, "2017-01-01", "2017-01-21")).toBe(20);
    expect(idealAt("2017-01-16", 40, "2017-01-01", "2017-01-21")).toBe(10);
    expect(idealAt("2017-01-21", 40, "2017-01-01", "2017-01-21")).toBe(0);
    expect(idealAt("2017-02-01", 40, "2017-01-01", "2017-01-21")).toBe(0);
  });

  it("rises with the scope on the day it grows instead of rewriting the past", () => {
    const { data } = burndown(series("2017-01-01", [10, 10, 20, 20], [10, 10, 20, 20]), { start: "2017-01-01", milestone: "2017-01-11", today: "2017-01-04" });
    expect(data.slice(0, 4).map((d) => d.ideal)).toEqual([10, 9, 16, 14]);
    // Future days keep the last known scope.
    expect(data.find((d) => d.date === "2017-01-06")?.ideal).toBe(10);
  });

  it("is zero throughout when the milestone is not after the start", () => {
    expect(idealAt("2017-01-01", 40, "2017-01-05", "2017-01-05")).toBe(0);
  });
});

describe("the pace", () => {
  it("is the daily fall of not-ready, the last two weeks weighted three times the two before", () => {
    // Days 1-14 of the window fall by 2 a day, the last 14 by 1 a day: (14*2*1 + 14*1*3) / (14 + 42) = 1.25.
    const older = Array.from({ length: 15 }, (_, i) => 100 - 2 * i);
    const recent = Array.from({ length: 14 }, (_, i) => older[14] - (i + 1));
    expect(paceOf(series("2017-01-01", [...older, ...recent], 200))).toBe(1.25);
  });

  it("ignores what happened before the four-week window", () => {
    const flat = Array.from({ length: 40 }, () => 50);
    const falling = [...Array.from({ length: 10 }, (_, i) => 200 - 15 * i), ...flat];
    expect(paceOf(series("2017-01-01", falling, 200))).toBe(0);
  });

  it("spreads a change over a gap between points", () => {
    const points: BurnPoint[] = [
      { date: "2017-01-01", notReady: 30, ready: 0, total: 30 },
      { date: "2017-01-06", notReady: 20, ready: 10, total: 30 },
    ];
    expect(paceOf(points)).toBe(2);
  });

  it("is zero with fewer than two points, and negative when scope grows faster than work is done", () => {
    expect(paceOf([])).toBe(0);
    expect(paceOf(series("2017-01-01", [5]))).toBe(0);
    expect(paceOf(series("2017-01-01", [10, 12, 14], [10, 12, 14]))).toBe(-2);
  });
});

describe("the projection", () => {
  it("says when not-ready reaches zero and how late that is against the milestone", () => {
    // 30 left, 1 a day: ready 30 days after the last point.
    const points = series("2017-02-01", [49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30].map((n) => n));
    const p = projectReadiness(points, "2017-03-04");
    expect(p).toEqual({ readyOn: "2017-03-22", daysLate: 18, pacePerDay: 1 });
    expect(projectionSentence(p)).toBe("At this pace ready on 2017-03-22, 18 days after the cutoff.");
  });

  it("is on track when the pace gets there first", () => {
    const p = projectReadiness(series("2017-02-01", [20, 16, 12, 8]), "2017-03-04");
    expect(p).toEqual({ readyOn: "2017-02-06", daysLate: -26, pacePerDay: 4 });
    expect(projectionSentence(p, "the production cutoff")).toBe("On track: at this pace ready on 2017-02-06, 26 days before the production cutoff.");
  });

  it("has no ready day with no progress, or with scope outgrowing the work", () => {
    expect(projectReadiness(series("2017-02-01", [20, 20, 20]), "2017-03-04")).toEqual({ readyOn: null, daysLate: null, pacePerDay: 0 });
    expect(projectReadiness(series("2017-02-01", [20, 21, 22], [20, 21, 22]), "2017-03-04")).toMatchObject({ readyOn: null, daysLate: null, pacePerDay: -1 });
    expect(projectionSentence({ readyOn: null, daysLate: null, pacePerDay: 0 })).toMatch(/will not be ready/);
  });

  it("after the cutoff, counts the days late from the milestone", () => {
    const p = projectReadiness(series("2017-03-10", [6, 4]), "2017-03-04");
    expect(p).toEqual({ readyOn: "2017-03-13", daysLate: 9, pacePerDay: 2 });
    expect(projectionSentence({ readyOn: "2017-03-05", daysLate: 1, pacePerDay: 1 })).toBe("At this pace ready on 2017-03-05, 1 day after the cutoff.");
  });

  it("when everything is ready, dates readiness from the first day of the final run of zeros", () => {
    expect(projectReadiness(series("2017-02-01", [3, 0, 2, 0, 0]), "2017-03-04")).toMatchObject({ readyOn: "2017-02-04", daysLate: -28 });
  });

  it("has nothing to say about an empty history", () => {
    expect(projectReadiness([], "2017-03-04")).toEqual({ readyOn: null, daysLate: null, pacePerDay: 0 });
  });
});

describe("the burn-down series", () => {
  it("has a row per day from the start, counts where there are points, and the projection dashed from the last point to zero", () => {
    const { data, projection } = burndown(series("2017-02-01", [10, 8, 6]), { start: "2017-02-01", milestone: "2017-02-05", today: "2017-02-03" });
    expect(projection).toEqual({ readyOn: "2017-02-06", daysLate: 1, pacePerDay: 2 });
    expect(data.map((d) => d.date)).toEqual(["2017-02-01", "2017-02-02", "2017-02-03", "2017-02-04", "2017-02-05", "2017-02-06"]);
    expect(data.map((d) => d.notReady)).toEqual([10, 8, 6, null, null, null]);
    expect(data.map((d) => d.projected)).toEqual([null, null, 6, 4, 2, 0]);
    expect(data[0]).toEqual({ date: "2017-02-01", notReady: 10, ready: 30, total: 40, ideal: 40, projected: null });
  });

  it("reaches today when today is past the milestone, and stops the projection at the horizon", () => {
    const { data } = burndown(series("2017-02-01", [100, 100, 99.9]), { start: "2017-02-01", milestone: "2017-02-10", today: "2017-02-20" });
    expect(data.at(-1)?.date).toBe(shiftDay("2017-02-10", 180));
    const flat = burndown(series("2017-02-01", [5, 5]), { start: "2017-02-01", milestone: "2017-02-10", today: "2017-02-20" });
    expect(flat.data.at(-1)?.date).toBe("2017-02-20");
    expect(flat.data.filter((d) => d.projected !== null).map((d) => d.date)).toEqual(["2017-02-02"]);
  });
});
