// The one source of "now" for the application. APP_CLOCK_START starts the app's clock at a given
// instant and lets it run forward in real time (the demo uses it to sit twelve days before the
// cutoff). APP_CLOCK_ANCHOR (epoch ms or ISO time) says at which real instant the simulated clock
// read APP_CLOCK_START, so web and worker processes started at different moments agree.
// Security timings (throttling, token and invitation expiry) and certificate validity use real time.

function parseInstant(name: string, raw: string): number {
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms)) throw new Error(`${name} is not a valid ISO-8601 instant: ${raw}`);
  return ms;
}

const startRaw = process.env.APP_CLOCK_START?.trim();
const start = startRaw ? parseInstant("APP_CLOCK_START", startRaw) : null;
const anchorRaw = process.env.APP_CLOCK_ANCHOR?.trim();
const anchor = anchorRaw ? parseInstant("APP_CLOCK_ANCHOR", anchorRaw) : Date.now();
const offsetMs = start === null ? 0 : start - anchor;

/** Application time: real time, or the simulated clock when APP_CLOCK_START is set. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Real wall-clock time, for security windows that must not follow a simulated clock. */
export function realNow(): Date {
  return new Date();
}

export interface ClockState {
  simulated: boolean;
  /** Milliseconds to add to the real time to get application time (0 when not simulated). */
  offsetMs: number;
  startedAt: string | null;
}

export function clockState(): ClockState {
  return {
    simulated: start !== null,
    offsetMs,
    startedAt: start === null ? null : new Date(start).toISOString(),
  };
}
