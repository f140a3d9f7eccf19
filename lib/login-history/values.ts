// Reading the values of a Login History export: TLS protocols in their many spellings and login
// times in the formats such exports carry. Framework-free.

export const TLS_PROTOCOLS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const;
export type TlsProtocol = (typeof TLS_PROTOCOLS)[number] | "unknown";
export const PROTOCOL_KEYS: readonly TlsProtocol[] = [...TLS_PROTOCOLS, "unknown"];

const UNKNOWN = new Set(["", "n/a", "na", "unknown", "none", "-"]);
const MINOR: Record<string, TlsProtocol> = { "1": "TLSv1", "1.0": "TLSv1", "1.1": "TLSv1.1", "1.2": "TLSv1.2", "1.3": "TLSv1.3" };

/** `TLS 1.0`, `TLSv1`, `TLSv1.0` and `1.0` are one value (likewise 1.1–1.3); blank, N/A and Unknown are unknown; anything else is null. */
export function normaliseTls(raw: string): TlsProtocol | null {
  // An export spells the protocol a handful of ways: remember each spelling's answer.
  const known = tlsSeen.get(raw);
  if (known !== undefined) return known;
  const value = readTls(raw);
  if (tlsSeen.size >= 1000) tlsSeen.clear();
  tlsSeen.set(raw, value);
  return value;
}

const tlsSeen = new Map<string, TlsProtocol | null>();

function readTls(raw: string): TlsProtocol | null {
  const s = raw.trim().toLowerCase();
  if (UNKNOWN.has(s)) return "unknown";
  const m = /^(?:tls\s*v?\s*)?(\d(?:\.\d)?)$/.exec(s);
  return m ? (MINOR[m[1]] ?? null) : null;
}

export type DateOrder = "mdy" | "dmy" | "ymd";

export interface TimeOptions {
  /** IANA zone the export's times are in when a time carries no zone of its own. */
  timeZone: string;
  /** How 03/04/2017 is read. */
  dateOrder: DateOrder;
}

/** Zone suffixes exports write, as minutes east of UTC. */
const ZONE_ABBREVIATIONS: Record<string, number> = {
  Z: 0, UTC: 0, GMT: 0, UT: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, IST: 330, JST: 540, AEST: 600, AEDT: 660,
};

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
// Per zone, the offset of each UTC hour seen: a million logins span a few thousand hours.
const offsets = new Map<string, Map<number, number>>();
const UTC_ZONES = new Set(["UTC", "Etc/UTC", "GMT", "Etc/GMT"]);
/** A zone that is UTC all year (no offset to look up). */
export const isUtc = (zone: string) => UTC_ZONES.has(zone);

/** Minutes east of UTC that `zone` is at the given UTC instant (cached per zone and hour). */
function zoneOffset(zone: string, utcMs: number): number {
  let hours = offsets.get(zone);
  if (!hours) offsets.set(zone, (hours = new Map()));
  const hour = Math.floor(utcMs / 3_600_000);
  const cached = hours.get(hour);
  if (cached !== undefined) return cached;
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(zone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour % 24, +p.minute, +p.second);
  const offset = Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
  if (hours.size > 200_000) hours.clear();
  hours.set(hour, offset);
  return offset;
}

/** A wall-clock time in `zone` as a UTC instant (the offset looked up twice for the DST edges). */
export function wallToUtc(wallMs: number, zone: string): number {
  if (UTC_ZONES.has(zone)) return wallMs;
  const first = wallMs - zoneOffset(zone, wallMs) * 60_000;
  return wallMs - zoneOffset(zone, first) * 60_000;
}

function zoneSuffix(raw: string | undefined): number | null | undefined {
  if (!raw) return undefined;
  const z = raw.trim().toUpperCase();
  if (!z) return undefined;
  if (z in ZONE_ABBREVIATIONS) return ZONE_ABBREVIATIONS[z];
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (!m) return null;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$/;
const SLASHED = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s*(.*)$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= (mo === 2 && leap(y) ? 29 : MONTH_DAYS[mo - 1]);
}

/**
 * Reads a login time: ISO 8601 (`2017-02-10T09:15:00Z`, `2017-02-10 09:15:00`), `M/d/yyyy h:mm a`,
 * `dd/MM/yyyy HH:mm` (with or without seconds), each with or without a zone suffix (`Z`, `+01:00`,
 * `GMT`, `PST`...). Without one the time is in `opts.timeZone`. Returns null when unreadable.
 */
export function parseLoginTime(raw: string, opts: TimeOptions): Date | null {
  const ms = parseLoginMs(raw, opts);
  return ms === null ? null : new Date(ms);
}

// Exports are sorted by time at minute resolution: a few thousand distinct Login Times cover a
// million logins, and an export merged from several, or listed in another order, still repeats
// them. Each distinct text is read once (per zone and date order).
const TIMES_KEPT = 8192;
const timesFor: TimeOptions = { timeZone: "", dateOrder: "mdy" };
const times = new Map<string, number | null>();

/** parseLoginTime as epoch milliseconds (no Date object: the import reads a million of these). */
export function parseLoginMs(raw: string, opts: TimeOptions): number | null {
  if (opts.timeZone !== timesFor.timeZone || opts.dateOrder !== timesFor.dateOrder) {
    times.clear();
    timesFor.timeZone = opts.timeZone;
    timesFor.dateOrder = opts.dateOrder;
  }
  const known = times.get(raw);
  if (known !== undefined) return known;
  const ms = parseMs(raw, opts);
  if (times.size >= TIMES_KEPT) times.clear();
  times.set(raw, ms);
  return ms;
}

function parseMs(raw: string, opts: TimeOptions): number | null {
  const s = raw.trim();
  let y: number, mo: number, d: number, h: number, mi: number, sec: number, ms = 0;
  let zone: string | undefined;
  const iso = ISO.exec(s);
  if (iso) {
    [y, mo, d, h, mi, sec] = [+iso[1], +iso[2], +iso[3], +iso[4], +iso[5], +(iso[6] ?? 0)];
    ms = iso[7] ? Math.floor(Number(`0.${iso[7]}`) * 1000) : 0;
    zone = iso[8];
  } else {
    const m = SLASHED.exec(s);
    if (!m) return null;
    const [a, b, c] = [m[1], m[2], m[3]];
    if (a.length === 4) [y, mo, d] = [+a, +b, +c];
    else if (c.length !== 4 && c.length !== 2) return null;
    else {
      const year = c.length === 2 ? 2000 + Number(c) : Number(c);
      [y, mo, d] = opts.dateOrder === "dmy" ? [year, +b, +a] : [year, +a, +b];
    }
    [h, mi, sec] = [+m[4], +m[5], +(m[6] ?? 0)];
    const ampm = m[7]?.toUpperCase();
    if (ampm) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (ampm === "PM" ? 12 : 0);
    }
    zone = m[8];
  }
  if (!valid(y, mo, d, h, mi, sec)) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  const offset = zoneSuffix(zone);
  if (offset === null) return null;
  return offset === undefined ? wallToUtc(wall, opts.timeZone) : wall - offset * 60_000;
}

/** Whether a time says its own zone, so the form need not ask (for the preview). */
export function carriesZone(raw: string): boolean {
  const s = raw.trim();
  const iso = ISO.exec(s);
  if (iso) return Boolean(iso[8]);
  const m = SLASHED.exec(s);
  return Boolean(m?.[8]?.trim());
}
