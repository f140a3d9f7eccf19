// Many callers, one round trip: calls made while a batch is being prepared or is in flight are
// gathered and handed to `runBatch` together. A busy worker's probes claim, store and complete
// themselves this way in a few statements per batch instead of a transaction per probe.
//
// With `minBatch` and `maxWaitMs`, a batch smaller than `minBatch` waits up to `maxWaitMs` for
// company before it goes: slots of a busy pool finish a few milliseconds apart, and without the
// wait each would go out nearly alone (one statement per probe again). A lone call waits at most
// `maxWaitMs`; without the options it goes out on the next turn of the event loop.

export interface CoalesceOptions {
  /** The most keys in one batch (default 500). */
  maxBatch?: number;
  /** A batch smaller than this waits for more keys, at most `maxWaitMs` (default 1: no wait). */
  minBatch?: number;
  /** How long a small batch waits for company (default 0). */
  maxWaitMs?: number;
}

export interface Coalescer<K, R> {
  (key: K): Promise<R>;
  /** Resolves once nothing is pending or in flight. */
  drain(): Promise<void>;
}

export function coalesce<K, R>(runBatch: (keys: K[]) => Promise<R[]>, opts: CoalesceOptions = {}): Coalescer<K, R> {
  const maxBatch = opts.maxBatch ?? 500;
  const minBatch = Math.max(1, Math.min(opts.minBatch ?? 1, maxBatch));
  const maxWaitMs = opts.maxWaitMs ?? 0;
  let pending: { key: K; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let inFlight: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let immediate = false;

  const flush = async () => {
    while (pending.length) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      try {
        const results = await runBatch(batch.map((p) => p.key));
        batch.forEach((p, i) => p.resolve(results[i]));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  };
  const start = () => {
    inFlight = flush().finally(() => {
      inFlight = null;
      if (pending.length) kick();
    });
  };
  const kick = () => {
    // While a batch is in flight, what arrives goes with the next one, as soon as it is back.
    if (inFlight || immediate) return;
    if (pending.length >= minBatch || maxWaitMs <= 0) {
      if (timer) clearTimeout(timer);
      timer = null;
      immediate = true;
      setImmediate(() => {
        immediate = false;
        start();
      });
      return;
    }
    timer ??= setTimeout(() => {
      timer = null;
      start();
    }, maxWaitMs);
  };

  const call = (key: K) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ key, resolve, reject });
      kick();
    });
  return Object.assign(call, {
    async drain() {
      while (inFlight || pending.length || timer || immediate) await (inFlight ?? new Promise((r) => setTimeout(r, 1)));
    },
  });
}
