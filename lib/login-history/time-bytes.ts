// Login times read straight from the bytes of a field, for the import's reader (copy-reader.ts):
// making a string of every Login Time, then looking it up or running a regular expression on it,
// was a fifth of the reader's time. Only the shapes exports carry row after row are read here:
// `M/d/yyyy h:mm a` and the other slashed dates without a zone suffix, and ISO 8601 with `Z`, a
// numeric offset or nothing. Anything else (a named zone, a long fraction, a time that is not
// valid) gives NaN and the reader takes the string way (parseLoginMs in values.ts), which also says
// why a time is refused. Where this gives a number it is parseLoginMs's number: a unit test
// compares the two over every shape.
import { isSpace } from "./csv-records";
import { isUtc, valid, wallToUtc, type TimeOptions } from "./values";

const SLASH = 47;
const DOT = 46;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const PLUS = 43;
const T = 84;
const SPACE = 32;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSeparator = (c: number) => c === SLASH || c === DOT || c === DASH;

/** A fraction of a second of `digits` digits (1–3) read as parseLoginMs reads it: floor(Number("0.nnn") * 1000). */
const FRACTION_MS = [1, 2, 3].map((digits) => Array.from({ length: 10 ** digits }, (_, n) => Math.floor(Number(`0.${String(n).padStart(digits, "0")}`) * 1000)));

/** Digits at b[p..] (at most `max`): their value in `num`, their count in `len`. */
class Digits {
  num = 0;
  len = 0;
  read(b: Uint8Array, p: number, e: number, max: number): number {
    let n = 0;
    let q = p;
    while (q < e && q - p < max && isDigit(b[q])) n = n * 10 + b[q++] - 48;
    this.num = n;
    this.len = q - p;
    return q;
  }
}

/** Reads Login Times from bytes. */
export class LoginTimes {
  private readonly d = new Digits();
  /** The zone needs no lookup. */
  private readonly utc: boolean;
  // The last day met, and where it starts (exports are sorted by time: it rarely changes).
  private dayKey = -1;
  private dayMs = 0;

  constructor(private readonly opts: TimeOptions) {
    this.utc = isUtc(opts.timeZone);
  }

  /** Date.UTC of a valid date and time, its day remembered (Date.UTC was a third of the reading). */
  private utcMs(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number): number {
    // Date.UTC reads a year below 100 as 19xx: leave those to it.
    if (y < 100) return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
    const key = (y * 16 + mo) * 32 + d;
    if (key !== this.dayKey) {
      this.dayKey = key;
      this.dayMs = Date.UTC(y, mo - 1, d);
    }
    return this.dayMs + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
  }

  private wall(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number): number {
    const wall = this.utcMs(y, mo, d, h, mi, sec, ms);
    return this.utc ? wall : wallToUtc(wall, this.opts.timeZone);
  }

  /** Bytes s..e (trimmed, plain ASCII) as epoch ms, or NaN: read it as a string with parseLoginMs. */
  read(b: Uint8Array, s: number, e: number): number {
    const iso = this.iso(b, s, e);
    return iso === NOT_ISO ? this.slashed(b, s, e) : iso;
  }

  /** ISO 8601 (values.ts ISO): NOT_ISO when it does not start as one, NaN when it does but is not read here. */
  private iso(b: Uint8Array, s: number, e: number): number {
    // yyyy-MM-dd[T ]HH:mm: anything that starts so is the ISO pattern's or nothing.
    if (e - s < 16 || b[s + 4] !== DASH || b[s + 7] !== DASH || (b[s + 10] !== T && b[s + 10] !== SPACE) || b[s + 13] !== COLON) return NOT_ISO;
    const y = fixed(b, s, 4, e);
    const mo = fixed(b, s + 5, 2, e);
    const d = fixed(b, s + 8, 2, e);
    const h = fixed(b, s + 11, 2, e);
    const mi = fixed(b, s + 14, 2, e);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0) return NOT_ISO;
    let p = s + 16;
    let sec = 0;
    let ms = 0;
    if (p < e && b[p] === COLON) {
      sec = fixed(b, p + 1, 2, e);
      if (sec < 0) return NaN;
      p += 3;
      if (p < e && (b[p] === DOT || b[p] === COMMA)) {
        const q = this.d.read(b, p + 1, e, 4);
        if (this.d.len < 1 || this.d.len > 3) return NaN;
        ms = FRACTION_MS[this.d.len - 1][this.d.num];
        p = q;
      }
    }
    while (p < e && isSpace(b[p])) p++;
    let offset = 0;
    if (p === e) return valid(y, mo, d, h, mi, sec) ? this.wall(y, mo, d, h, mi, sec, ms) : NaN;
    if (e - p === 1 && (b[p] === 90 || b[p] === 122)) offset = 0; // Z or z
    else if (b[p] === PLUS || b[p] === DASH) {
      // [+-]HH:?mm, as the ISO pattern and zoneSuffix read it.
      const hh = fixed(b, p + 1, 2, e);
      const colon = b[p + 3] === COLON ? 1 : 0;
      const mm = fixed(b, p + 3 + colon, 2, e);
      if (hh < 0 || mm < 0 || p + 5 + colon !== e) return NaN;
      offset = (b[p] === DASH ? -1 : 1) * (hh * 60 + mm);
    } else return NaN;
    return valid(y, mo, d, h, mi, sec) ? this.utcMs(y, mo, d, h, mi, sec, ms) - offset * 60_000 : NaN;
  }

  /** d/M/yyyy, M/d/yyyy or yyyy/M/d with h:mm[:ss] [AM|PM] and no zone (values.ts SLASHED), else NaN. */
  private slashed(b: Uint8Array, s: number, e: number): number {
    const d = this.d;
    let p = d.read(b, s, e, 4);
    const a = d.num;
    const aLength = d.len;
    if (!aLength || p >= e || !isSeparator(b[p])) return NaN;
    p = d.read(b, p + 1, e, 2);
    const m = d.num;
    if (!d.len || p >= e || !isSeparator(b[p])) return NaN;
    p = d.read(b, p + 1, e, 4);
    const c = d.num;
    const cLength = d.len;
    if (!cLength) return NaN;
    if (p < e && b[p] === COMMA) p++;
    const spaces = p;
    while (p < e && isSpace(b[p])) p++;
    if (p === spaces) return NaN;
    p = d.read(b, p, e, 2);
    let h = d.num;
    if (!d.len || p >= e || b[p] !== COLON) return NaN;
    const mi = fixed(b, p + 1, 2, e);
    if (mi < 0) return NaN;
    p += 3;
    let sec = 0;
    if (p < e && b[p] === COLON) {
      sec = fixed(b, p + 1, 2, e);
      if (sec < 0) return NaN;
      p += 3;
    }
    while (p < e && isSpace(b[p])) p++;
    if (p < e) {
      // AM or PM (any case), then nothing: a zone suffix is read the string way.
      const first = b[p] | 0x20;
      if (p + 2 !== e || (first !== 97 && first !== 112) || (b[p + 1] | 0x20) !== 109) return NaN;
      if (h < 1 || h > 12) return NaN;
      h = (h % 12) + (first === 112 ? 12 : 0);
    }
    let y: number, mo: number, day: number;
    if (aLength === 4) [y, mo, day] = [a, m, c];
    else if (cLength !== 4 && cLength !== 2) return NaN;
    else {
      const year = cLength === 2 ? 2000 + c : c;
      [y, mo, day] = this.opts.dateOrder === "dmy" ? [year, m, a] : [year, a, m];
    }
    if (!valid(y, mo, day, h, mi, sec)) return NaN;
    return this.wall(y, mo, day, h, mi, sec, 0);
  }
}

const NOT_ISO = -Infinity;

/** Exactly `n` digits at b[p..] (before `e`) as a number, or -1. */
function fixed(b: Uint8Array, p: number, n: number, e: number): number {
  if (p + n > e) return -1;
  let v = 0;
  for (let i = p; i < p + n; i++) {
    const c = b[i];
    if (!isDigit(c)) return -1;
    v = v * 10 + c - 48;
  }
  return v;
}
