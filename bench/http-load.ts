// A small closed-loop load generator: `clients` concurrent loops, each sending the next request as
// soon as the previous one answered. Reports latency percentiles in milliseconds.
export interface LoadResult {
  requests: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export async function load(url: string, opts: { clients: number; requests: number; warmup?: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const one = async () => {
    const t = performance.now();
    const res = await fetch(url, { headers: opts.headers });
    await res.arrayBuffer();
    return { ms: performance.now() - t, ok: res.ok };
  };
  for (let i = 0; i < (opts.warmup ?? 20); i++) await one();
  const samples: number[] = [];
  let errors = 0;
  let remaining = opts.requests;
  await Promise.all(
    Array.from({ length: opts.clients }, async () => {
      while (remaining > 0) {
        remaining -= 1;
        const r = await one();
        samples.push(r.ms);
        if (!r.ok) errors += 1;
      }
    }),
  );
  const sorted = samples.sort((a, b) => a - b);
  return { requests: sorted.length, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1], errors };
}
