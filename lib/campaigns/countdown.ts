// Pure countdown arithmetic shared by the server pages and the live header clock.

export interface DatedMilestone {
  id: string;
  name: string;
  dueAt: Date | string;
}

export type MilestoneState<M> = { milestone: M; state: "upcoming"; msUntil: number } | { milestone: M; state: "passed"; msSince: number };

/** The next milestone still ahead; once all have passed, the most recent one. Null without milestones. */
export function focusMilestone<M extends DatedMilestone>(milestones: M[], now: Date): MilestoneState<M> | null {
  if (milestones.length === 0) return null;
  const sorted = [...milestones].sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime());
  const t = now.getTime();
  const next = sorted.find((m) => new Date(m.dueAt).getTime() > t);
  if (next) return { milestone: next, state: "upcoming", msUntil: new Date(next.dueAt).getTime() - t };
  const last = sorted[sorted.length - 1];
  return { milestone: last, state: "passed", msSince: t - new Date(last.dueAt).getTime() };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** "12 days 8 hours 30 minutes"; under a minute left reads "less than a minute". */
export function formatRemaining(ms: number): string {
  if (ms < MINUTE) return "less than a minute";
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  return [days ? plural(days, "day") : "", hours || days ? plural(hours, "hour") : "", plural(minutes, "minute")]
    .filter(Boolean)
    .join(" ");
}

/** "passed today", "passed 1 day ago", "passed 12 days ago". */
export function formatPassed(ms: number): string {
  const days = Math.floor(ms / DAY);
  if (days === 0) return "passed today";
  return `passed ${plural(days, "day")} ago`;
}

export function countdownParts(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const clamped = Math.max(0, ms);
  return {
    days: Math.floor(clamped / DAY),
    hours: Math.floor((clamped % DAY) / HOUR),
    minutes: Math.floor((clamped % HOUR) / MINUTE),
    seconds: Math.floor((clamped % MINUTE) / 1000),
  };
}
