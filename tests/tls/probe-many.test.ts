import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMany, type ProbeResult, type ProbeTarget } from "@/lib/tls-probe";
import { LOOPBACK_POLICY, startTcpServer, startTlsServer, type RunningServer } from "@/tests/support/tls-servers";

let tarpit: RunningServer;
let modern: RunningServer;
beforeAll(async () => {
  tarpit = await startTcpServer({ behavior: "tarpit" });
  modern = await startTlsServer({ minVersion: "TLSv1.2" });
});
afterAll(async () => {
  await Promise.all([tarpit.close(), modern.close()]);
});

describe("probeMany", () => {
  it("never has more than `concurrency` targets in flight", async () => {
    const targets: ProbeTarget[] = Array.from({ length: 6 }, () => ({ host: "127.0.0.1", port: tarpit.port }));
    let maxOpen = 0;
    const poll = setInterval(() => (maxOpen = Math.max(maxOpen, tarpit.openConnections())), 5);
    const started = Date.now();
    try {
      await probeMany(targets, { policy: LOOPBACK_POLICY, timeoutMs: 300, concurrency: 2 });
    } finally {
      clearInterval(poll);
    }
    const elapsed = Date.now() - started;
    // 2 targets x 4 parallel version attempts at most; 6 targets in 3 rounds of one timeout each.
    expect(maxOpen).toBeGreaterThan(0);
    expect(maxOpen).toBeLessThanOrEqual(8);
    expect(elapsed).toBeGreaterThanOrEqual(3 * 300 - 50);
    expect(elapsed).toBeLessThan(3 * 300 + 1500);
  });

  it("delivers each result as it finishes and returns them in input order", async () => {
    const targets: ProbeTarget[] = [
      { host: "127.0.0.1", port: tarpit.port },
      { host: "127.0.0.1", port: modern.port },
      { host: "127.0.0.1", port: modern.port, sni: "localhost" },
    ];
    const seen: { index: number; at: number; result: ProbeResult }[] = [];
    const started = Date.now();
    const results = await probeMany(targets, { policy: LOOPBACK_POLICY, timeoutMs: 700, concurrency: 3 }, (result, index) =>
      seen.push({ index, at: Date.now() - started, result }),
    );
    expect(seen.map((s) => s.index).sort()).toEqual([0, 1, 2]);
    // The fast targets were delivered long before the tarpit's timeout.
    expect(seen[0].index).not.toBe(0);
    expect(seen[0].at).toBeLessThan(500);
    expect(seen.at(-1)!.index).toBe(0);
    expect(results.map((r) => r.target.port)).toEqual(targets.map((t) => t.port));
    expect(results[0].error?.kind).toBe("timeout");
    expect(results[1].floorCheck.meetsFloor).toBe(true);
    expect(results[2].target.sni).toBe("localhost");
  });

  it("rejects an invalid target before probing anything", async () => {
    const before = modern.acceptedConnections();
    await expect(
      probeMany([{ host: "127.0.0.1", port: modern.port }, { host: "127.0.0.1", port: 70000 }], { policy: LOOPBACK_POLICY }),
    ).rejects.toThrow(/port 70000/);
    expect(modern.acceptedConnections()).toBe(before);
  });
});
