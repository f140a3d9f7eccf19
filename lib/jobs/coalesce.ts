// Many callers, one round trip: calls made while a batch is being prepared or is in flight are
// gathered and handed to `runBatch` together. A busy worker's probes claim and store themselves
// this way in a few statements per batch instead of a transaction per probe, while a lone call
// still goes out at once (on the next turn of the event loop).

export interface Coalescer<K, R> {
  (key: K): Promise<R>;
  /** Resolves once nothing is pending or in flight. */
  drain(): Promise<void>;
}

export function coalesce<K, R>(runBatch: (keys: K[]) => Promise<R[]>, opts: { maxBatch?: number } = {}): Coalescer<K, R> {
  const maxBatch = opts.maxBatch ?? 500;
  let pending: { key: K; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let inFlight: Promise<void> | null = null;
  let scheduled = false;

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
  const kick = () => {
    if (scheduled || inFlight) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      inFlight = flush().finally(() => {
        inFlight = null;
        if (pending.length) kick();
      });
    });
  };

  const call = (key: K) =>
    new Promise<R>((resolve, reject) => {
      pending.push({ key, resolve, reject });
      kick();
    });
  return Object.assign(call, {
    async drain() {
      while (inFlight || pending.length || scheduled) await (inFlight ?? new Promise((r) => setImmediate(r)));
    },
  });
}
