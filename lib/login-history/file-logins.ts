// Which logins of an export the reader has met before, for the whole file. One login twice makes a
// COPY into the keyed table fail, and the import's COPY of a round runs without a savepoint
// (import-job.ts): so every login that may repeat an earlier line, however far back, goes aside
// and is added through the stage (CopyBatch.repeats), and a login the filter has not seen is
// certainly new to the file. The filter errs one way only: a new login taken for a repeat merely
// goes the careful way.

/** Bits per expected login: with three probes in a block, about one new login in 100 is taken for a repeat. */
const BITS_PER_LOGIN = 16;
const MIN_BITS = 1 << 20;
/** 32 MB: an export past some 17 million logins errs more often (the stage takes more of them). */
const MAX_BITS = 1 << 28;

/**
 * A Bloom filter over the identities' hashes, blocked: the first hash picks a block of 512 bits (a
 * cache line), the second sets three bits in it. A filter of megabytes probed at three random
 * places cost three cache misses a login, a sixth of the reader's time; one costs a third of that,
 * for a few more new logins taken for repeats.
 */
export class FileLogins {
  private readonly words: Int32Array;
  private readonly blocks: number;

  constructor(expectedLogins: number) {
    let bits = MIN_BITS;
    while (bits < MAX_BITS && bits < expectedLogins * BITS_PER_LOGIN) bits *= 2;
    this.words = new Int32Array(bits >>> 5);
    this.blocks = bits >>> 9;
  }

  /** Whether a login with these hashes may have been met before; remembers it. */
  seen(h1: number, h2: number): boolean {
    const base = ((h1 >>> 0) % this.blocks) << 4;
    let met = true;
    for (let i = 0, bits = h2; i < 3; i++, bits >>>= 9) {
      const at = bits & 511;
      const word = base + (at >>> 5);
      const flag = 1 << (at & 31);
      if (!(this.words[word] & flag)) {
        met = false;
        this.words[word] |= flag;
      }
    }
    return met;
  }
}

/** Logins an upload may hold, from its size (a CSV line of an export is 150–250 bytes; gzip packs ~10×). */
export const expectedLogins = (bytes: number, gzipped: boolean) => Math.ceil((bytes / 100) * (gzipped ? 12 : 1));
