// The burn-down's arithmetic: the ideal line, the recent pace and where it leads. Pure and
// client-safe, with the clock passed in, so the charts, the report and the weekly summary
// (lib/notifications) tell the same story. docs/decisions/0010-readiness-history.md says why
// each choice was made.
//
//   burndown(points, { start, milestone, today }) -> { data, projection }
//   projectReadiness(points, milestone)          -> { readyOn, daysLate, pacePerDay }
//   paceOf(points)                               -> integrations made ready per day, recently
//   idealAt(day, total, start, milestone)        -> the ideal "not ready" on that day
import { daysBetween, shiftDay } from "./days";

/** One day of history: integrations in scope, how many are ready and how many are not. */
export interface BurnPoint {
  date: string;
  notReady: number;
  ready: number;
  total: number;
}

export interface Projection {
  /** The day "not ready" reaches zero at the recent pace; null when the pace is zero or negative. */
  readyOn: string | null;
  /** readyOn minus the milestone's day: positive is late, zero or negative on track; null with readyOn. */
  daysLate: number | null;
  /** Integrations leaving "not ready" per day, weighted to the last two weeks (negative: growing). */
  pacePerDay: number;
}

export interface BurndownRow {
  date: string;
  notReady: number | null;
  ready: number | null;
  total: number | null;
  ideal: number | null;
  projected: number | null;
}

/** The pace looks back this far; the last RECENT_DAYS of it count RECENT_WEIGHT times as much. */
export const PACE_WINDOW_DAYS = 28;
export const RECENT_DAYS = 14;
export const RECENT_WEIGHT = 3;
/** The projection is drawn at most this many days past the milestone (readyOn is still exact). */
export const PROJECTION_HORIZON_DAYS = 180;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The ideal "not ready" on `day`: the day's scope burned down in a straight line from the start to
 * zero at the milestone. Scope added later raises the line on the day it came, rather than
 * rewriting the past.
 */
export function idealAt(day: string, total: number, start: string, milestone: string): number {
  const span = daysBetween(start, milestone);
  if (span <= 0) return 0;
  const left = Math.min(Math.max(daysBetween(day, milestone) / span, 0), 1);
  return round(total * left);
}

/**
 * The recent pace: the fall in "not ready" per day over the last PACE_WINDOW_DAYS before the last
 * point, days in the last RECENT_DAYS weighted RECENT_WEIGHT times. A gap between two points
 * spreads its change over the days it covers. Fewer than two points: 0.
 */
export function paceOf(points: readonly BurnPoint[]): number {
  if (points.length < 2) return 0;
  const last = points[points.length - 1].date;
  let sum = 0;
  let weights = 0;
  for (let i = points.length - 1; i > 0; i--) {
    const age = daysBetween(points[i].date, last);
    if (age >= PACE_WINDOW_DAYS) break;
    const gap = Math.max(daysBetween(points[i - 1].date, points[i].date), 1);
    const w = (age < RECENT_DAYS ? RECENT_WEIGHT : 1) * gap;
    sum += ((points[i - 1].notReady - points[i].notReady) / gap) * w;
    weights += w;
  }
  return weights ? round(sum / weights) : 0;
}

/** Where the recent pace leads from the last point, against the milestone's day. */
export function projectReadiness(points: readonly BurnPoint[], milestone: string): Projection {
  const pacePerDay = paceOf(points);
  const last = points.at(-1);
  if (!last) return { readyOn: null, daysLate: null, pacePerDay };
  let readyOn: string | null;
  if (last.notReady <= 0) {
    // Already there: ready since the first day of the run of zeros that ends the history.
    let i = points.length - 1;
    while (i > 0 && points[i - 1].notReady <= 0) i--;
    readyOn = points[i].date;
  } else readyOn = pacePerDay > 0 ? shiftDay(last.date, Math.ceil(last.notReady / pacePerDay)) : null;
  return { readyOn, daysLate: readyOn ? daysBetween(milestone, readyOn) : null, pacePerDay };
}

/**
 * The burn-down series, one row per day from `start` to the milestone (or later: the last point,
 * `today`, or where the projection reaches zero, within PROJECTION_HORIZON_DAYS of the milestone).
 * Days without a point have null counts; `projected` runs from the last point to zero, dashed.
 */
export function burndown(points: readonly BurnPoint[], opts: { start: string; milestone: string; today: string }): { data: BurndownRow[]; projection: Projection } {
  const projection = projectReadiness(points, opts.milestone);
  const byDate = new Map(points.map((p) => [p.date, p]));
  const last = points.at(-1);
  const horizon = shiftDay(opts.milestone, PROJECTION_HORIZON_DAYS);
  let end = [opts.milestone, opts.today, last?.date ?? opts.start].sort().at(-1)!;
  if (projection.readyOn && projection.readyOn > end) end = projection.readyOn < horizon ? projection.readyOn : horizon;
  const data: BurndownRow[] = [];
  let scope = points[0]?.total ?? 0;
  for (let day = opts.start; day <= end; day = shiftDay(day, 1)) {
    const p = byDate.get(day);
    if (p) scope = p.total;
    let projected: number | null = null;
    if (last && projection.pacePerDay > 0 && day >= last.date) projected = round(Math.max(last.notReady - projection.pacePerDay * daysBetween(last.date, day), 0));
    else if (last && day === last.date) projected = last.notReady;
    data.push({ date: day, notReady: p?.notReady ?? null, ready: p?.ready ?? null, total: p?.total ?? null, ideal: idealAt(day, scope, opts.start, opts.milestone), projected });
  }
  return { data, projection };
}

/** The sentence under the burn-down: "At this pace ready on 2017-03-19, 15 days after the cutoff". */
export function projectionSentence(p: Projection, milestoneName = "the cutoff"): string {
  if (!p.readyOn || p.daysLate === null) return "No progress in the last four weeks: at this pace it will not be ready.";
  if (p.daysLate > 0) return `At this pace ready on ${p.readyOn}, ${p.daysLate} ${p.daysLate === 1 ? "day" : "days"} after ${milestoneName}.`;
  return `On track: at this pace ready on ${p.readyOn}${p.daysLate < 0 ? `, ${-p.daysLate} ${p.daysLate === -1 ? "day" : "days"} before ${milestoneName}` : `, the day of ${milestoneName}`}.`;
}
