import { afterEach, describe, expect, it } from "vitest";
import { PRIVATE_DEFAULTS, probeTarget, TLS_VERSIONS, type ProbeResult } from "@/lib/tls-probe";
import {
  closedPort,
  LOOPBACK_POLICY,
  settleHandles,
  stableHandles,
  startTcpServer,
  startTlsServer,
  type RunningServer,
  type TcpBehavior,
} from "@/tests/support/tls-servers";

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function tcp(behavior: TcpBehavior): Promise<RunningServer> {
  const server = await startTcpServer({ behavior });
  running.push(server);
  return server;
}

async function timed(fn: () => Promise<ProbeResult>): Promise<{ r: ProbeResult; elapsed: number }> {
  const started = Date.now();
  const r = await fn();
  return { r, elapsed: Date.now() - started };
}

function expectNotTested(r: ProbeResult, kind: string) {
  for (const v of TLS_VERSIONS) expect(r.protocols[v]).toEqual({ supported: false, reason: `not tested: ${kind}` });
  expect(r.certificate).toBeNull();
  expect(r.floorCheck.meetsFloor).toBe(false);
}

describe("endpoints that cannot be probed give a classified result within the timeout", () => {
  it("a tarpit (accepts, never answers) is one timeout, not four", async () => {
    const server = await tcp("tarpit");
    const timeoutMs = 800;
    const { r, elapsed } = await timed(() => probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY, timeoutMs }));
    expect(r.error?.kind).toBe("timeout");
    expect(r.error?.message).toMatch(/accepted the connection but sent nothing within 800 ms/);
    expectNotTested(r, "timeout");
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThanOrEqual(timeoutMs + 1000);
    // All four attempts ran in parallel on their own connections, and all were closed.
    expect(server.acceptedConnections()).toBe(4);
    await server.waitForIdle();
  });

  it("a reset is a reset", async () => {
    const server = await tcp("reset");
    const r = await probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY });
    expect(r.error?.kind).toBe("reset");
    expect(r.error?.message).toContain("reset the connection (ECONNRESET)");
    expectNotTested(r, "reset");
  });

  it("a server that closes without a word is closed", async () => {
    const server = await tcp("close");
    const r = await probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY });
    expect(r.error?.kind).toBe("closed");
    expect(r.error?.message).toContain("closed the connection without answering");
    expectNotTested(r, "closed");
    await server.waitForIdle();
  });

  it.each([
    ["banner", /not TLS: "SSH-2\.0-OpenSSH.*" \(it is an SSH server\)/],
    ["http", /not TLS: "HTTP\/1\.1 400 Bad Request.*" \(it looks like plain HTTP\)/],
    ["garbage", /not TLS: "/],
  ] as const)("a plain TCP service (%s) is not_tls", async (behavior, message) => {
    const server = await tcp(behavior);
    const r = await probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY });
    expect(r.error?.kind).toBe("not_tls");
    expect(r.error?.message).toMatch(message);
    expectNotTested(r, "not_tls");
    await server.waitForIdle();
  });

  it("a TLS-shaped but malformed answer is a failed handshake, not a crash", async () => {
    const server = await tcp("bad-tls");
    const r = await probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY });
    expect(r.error?.kind).toBe("handshake_failed");
    expect(r.protocols.TLSv1).toEqual({ supported: false, reason: "rejected by the server (it sent a truncated ServerHello)" });
    expect(r.floorCheck.meetsFloor).toBe(false);
  });

  it("a server that starts a TLS record and stalls times out within the deadline", async () => {
    const server = await startTcpServer({ behavior: "banner", banner: "\x16\x03\x03\x00" }); // 4 of 5 header bytes
    running.push(server);
    const { r, elapsed } = await timed(() => probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY, timeoutMs: 600 }));
    expect(r.error?.kind).toBe("timeout");
    expect(r.error?.message).toMatch(/stopped answering|did not complete the TLS handshake/);
    expect(elapsed).toBeLessThanOrEqual(600 + 1000);
    await server.waitForIdle();
  });

  it("a closed port is refused", async () => {
    const port = await closedPort();
    const { r, elapsed } = await timed(() => probeTarget({ host: "127.0.0.1", port }, { policy: LOOPBACK_POLICY }));
    expect(r.error).toEqual({ kind: "refused", message: expect.stringContaining(`127.0.0.1:${port} refused the connection (ECONNREFUSED)`) });
    expectNotTested(r, "refused");
    expect(elapsed).toBeLessThan(1000);
  });

  it("an unresolvable name is a dns failure naming the name", async () => {
    const r = await probeTarget({ host: "no-such-host.invalid", port: 443 }, { policy: LOOPBACK_POLICY, timeoutMs: 3000 });
    expect(r.error?.kind).toBe("dns");
    expect(r.error?.message).toMatch(/^no-such-host\.invalid: /);
    expect(r.target.address).toBeNull();
    expectNotTested(r, "dns");
  });
});

describe("the target policy", () => {
  it.each([
    ["169.254.169.254", "a cloud metadata address"],
    ["0.0.0.0", "unspecified"],
    ["169.254.10.10", "a link-local address"],
    ["224.0.0.1", "a multicast address"],
    ["255.255.255.255", "the broadcast address"],
    ["::", "the unspecified address"],
    ["::ffff:169.254.169.254", "a cloud metadata address"],
  ])("always refuses %s, even with everything allowed", async (host, what) => {
    const server = await tcp("tarpit"); // nothing may ever connect anywhere
    const r = await probeTarget({ host, port: 443 }, { policy: { allowedRanges: ["0.0.0.0/0", "::/0", ...PRIVATE_DEFAULTS] } });
    expect(r.error?.kind).toBe("blocked_by_policy");
    expect(r.error?.message).toContain(what);
    expectNotTested(r, "blocked_by_policy");
    expect(server.acceptedConnections()).toBe(0);
  });

  it("refuses loopback unless the policy allows it, and says how to allow it", async () => {
    const server = await startTlsServer();
    running.push(server);
    for (const host of ["127.0.0.1", "localhost", "::ffff:127.0.0.1"]) {
      const r = await probeTarget({ host, port: server.port }, { policy: { allowedRanges: [] } });
      expect(r.error?.kind).toBe("blocked_by_policy");
      expect(r.error?.message).toContain("loopback range (127.0.0.0/8) that the target policy does not allow; an admin can allow it in Settings");
    }
    expect(server.acceptedConnections()).toBe(0);
    const allowed = await probeTarget({ host: "localhost", port: server.port }, { policy: { allowedRanges: PRIVATE_DEFAULTS } });
    expect(allowed.error).toBeNull();
    expect(allowed.target.address).toBe("127.0.0.1"); // resolved once; every connection went there
  });
});

describe("resources", () => {
  it("leaves no socket or timer behind, whatever the server did", async () => {
    const servers = await Promise.all([
      startTlsServer(),
      startTlsServer({ minVersion: "TLSv1.3" }),
      startTcpServer({ behavior: "tarpit" }),
      startTcpServer({ behavior: "reset" }),
      startTcpServer({ behavior: "banner" }),
    ]);
    running.push(...servers);
    const before = await stableHandles();
    await Promise.all(servers.map((s) => probeTarget({ host: "127.0.0.1", port: s.port }, { policy: LOOPBACK_POLICY, timeoutMs: 500 })));
    for (const s of servers) await s.waitForIdle();
    const after = await settleHandles(before);
    expect(after.sockets).toBeLessThanOrEqual(before.sockets);
    expect(after.timers).toBeLessThanOrEqual(before.timers);
  });

  it("stops at once when the caller aborts", async () => {
    const server = await tcp("tarpit");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { r, elapsed } = await timed(() =>
      probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY, timeoutMs: 10_000, signal: controller.signal }),
    );
    expect(r.error?.kind).toBe("aborted");
    expect(elapsed).toBeLessThan(1000);
    await server.waitForIdle();
  });
});
