// When scheduled jobs are due, on the app's clock (lib/clock.ts) rather than real UTC, so the
// demo's simulated 2017 drives its re-probes, daily snapshots and reminders as real time would.
// Pure arithmetic: the scheduler (./scheduler.ts) decides who fires a due slot.

/** Every `everyMinutes`, at `offsetMinutes` past each period's start; weekly periods start on Monday 00:00 UTC. */
export interface Cadence {
  everyMinutes: number;
  offsetMinutes: number;
}

const MINUTE = 60_000;
// 1970-01-05T00:00Z, a Monday: periods are counted from it, so weekly slots fall on Mondays and
// shorter periods on the boundaries they would have anyway.
const MONDAY_EPOCH = Date.UTC(1970, 0, 5);

function check(c: Cadence): void {
  if (!Number.isInteger(c.everyMinutes) || c.everyMinutes < 1 || !Number.isInteger(c.offsetMinutes) || c.offsetMinutes < 0 || c.offsetMinutes >= c.everyMinutes) {
    throw new RangeError(`invalid cadence: every ${c.everyMinutes} min at +${c.offsetMinutes} min`);
  }
}

/** The most recent slot at or before `at`. */
export function latestSlot(cadence: Cadence, at: Date): Date {
  check(cadence);
  const period = cadence.everyMinutes * MINUTE;
  const base = MONDAY_EPOCH + cadence.offsetMinutes * MINUTE;
  return new Date(base + Math.floor((at.getTime() - base) / period) * period);
}

/** The first slot strictly after `at`. */
export function nextSlot(cadence: Cadence, at: Date): Date {
  return new Date(latestSlot(cadence, at).getTime() + cadence.everyMinutes * MINUTE);
}
