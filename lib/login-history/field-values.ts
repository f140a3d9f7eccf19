// The values of one column of an export, remembered by their bytes. A million logins hold a few
// thousand users, times, applications and addresses: making a string of each field of each row
// (to read, check and hash it) was a fifth of the reader's time and most of its garbage. A field
// whose bytes were seen recently gets the same string back, and its hash, without either being made
// again. Direct-mapped: a slot holds the last value that hashed to it.

const SLOTS = 4096;
const MASK = SLOTS - 1;
/** Longer values are not remembered (they are rare, and would make the slots large). */
const WIDTH = 64;

/** FNV-1a, 32 bits. */
export const FNV_START = 0x811c9dc5;
export const fnvStep = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);

/** FNV-1a over a string's UTF-16 units (the same as over its bytes when it is ASCII). */
export function hashText(v: string, h = FNV_START): number {
  for (let i = 0; i < v.length; i++) h = fnvStep(h, v.charCodeAt(i));
  return h;
}

export class FieldValues {
  private readonly bytes = new Uint8Array(SLOTS * WIDTH);
  private readonly lengths = new Int16Array(SLOTS).fill(-1);
  private readonly values: string[] = new Array<string>(SLOTS).fill("");
  private readonly hashes = new Int32Array(SLOTS);
  /** The hash of the value `get` returned last. */
  hash = 0;

  /**
   * The value of bytes s..e of `from` as `read` makes it from a string of them, or null when they
   * are not plain ASCII (NUL or a byte of 0x80 and above: the caller reads those as UTF-8).
   */
  get(from: Uint8Array, s: number, e: number, read: (raw: string) => string, slice: (s: number, e: number) => string): string | null {
    let h = FNV_START;
    let bad = 0;
    for (let i = s; i < e; i++) {
      const c = from[i];
      bad |= c >= 0x80 || c === 0 ? 1 : 0;
      h = fnvStep(h, c);
    }
    if (bad) return null;
    const n = e - s;
    const slot = h & MASK;
    if (this.lengths[slot] === n) {
      let same = true;
      const at = slot * WIDTH;
      for (let i = 0; i < n; i++) {
        if (this.bytes[at + i] !== from[s + i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.hash = this.hashes[slot];
        return this.values[slot];
      }
    }
    const value = read(slice(s, e));
    this.hash = hashText(value);
    if (n <= WIDTH) {
      const at = slot * WIDTH;
      for (let i = 0; i < n; i++) this.bytes[at + i] = from[s + i];
      this.lengths[slot] = n;
      this.values[slot] = value;
      this.hashes[slot] = this.hash;
    }
    return value;
  }
}
