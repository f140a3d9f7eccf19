// Test-side entry to the real loopback servers. The servers and certificates live in
// lib/tls-probe/testing so that the demo and the benchmark start exactly the same endpoints.
export * from "@/lib/tls-probe/testing/servers";
export * from "@/lib/tls-probe/testing/certs";

import type { ProbeOptions } from "@/lib/tls-probe";

/** Loopback allowed, as an admin would for internal endpoints. */
export const LOOPBACK_POLICY: ProbeOptions["policy"] = { allowedRanges: ["127.0.0.0/8", "::1/128"] };

/** Counts of the libuv handles a probe could leak (sockets and timers). */
export function leakableHandles(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return {
    sockets: info.filter((r) => r === "TCPSocketWrap" || r === "TLSWrap").length,
    timers: info.filter((r) => r === "Timeout").length,
  };
}

/** The handle counts once they stop changing (earlier tests' sockets finish closing first). */
export async function stableHandles(): Promise<{ sockets: number; timers: number }> {
  let previous = leakableHandles();
  for (let i = 0; i < 50; i++) {
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    const now = leakableHandles();
    if (now.sockets === previous.sockets && now.timers === previous.timers) return now;
    previous = now;
  }
  return previous;
}

/**
 * Waits until the process holds no more sockets or timers than `baseline` (closing a socket
 * completes on a later loop turn), and returns what is left for the assertion.
 */
export async function settleHandles(baseline: { sockets: number; timers: number }, timeoutMs = 1500) {
  const until = Date.now() + timeoutMs;
  let now = leakableHandles();
  while ((now.sockets > baseline.sockets || now.timers > baseline.timers) && Date.now() < until) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    now = leakableHandles();
  }
  return now;
}
