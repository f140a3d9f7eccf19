// Calendar days as the history counts them: UTC days, written YYYY-MM-DD. Client-safe, pure.

export const DAY_MS = 86_400_000;

/** The UTC day an instant falls on. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Midnight UTC at the start of a YYYY-MM-DD day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** The day `days` after a YYYY-MM-DD day. */
export function shiftDay(day: string, days: number): string {
  return dayOf(addDays(startOfDay(day), days));
}

/** Whole days from day `a` to day `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((startOfDay(b).getTime() - startOfDay(a).getTime()) / DAY_MS);
}
