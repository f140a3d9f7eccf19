import { probeTarget, validateProbeInput } from "./probe-target";
import type { ProbeOptions, ProbeResult, ProbeTarget } from "./types";

export const DEFAULT_CONCURRENCY = 32;

/**
 * Probes many targets with at most `concurrency` in flight; `onResult` sees each result as soon as
 * it is complete (in completion order, with its input index); the promise resolves with all
 * results in input order. Every target is validated before any is probed.
 */
export async function probeMany(
  targets: ProbeTarget[],
  opts: ProbeOptions & { concurrency?: number },
  onResult?: (result: ProbeResult, index: number) => void,
): Promise<ProbeResult[]> {
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`concurrency must be a positive integer, not ${concurrency}`);
  targets.forEach((t) => validateProbeInput(t, opts));
  const results: ProbeResult[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const result = await probeTarget(targets[index], opts);
      results[index] = result;
      onResult?.(result, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return results;
}
