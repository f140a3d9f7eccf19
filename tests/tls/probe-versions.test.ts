import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeTarget, TLS_VERSIONS, type TlsVersionName } from "@/lib/tls-probe";
import type { AttemptContext } from "@/lib/tls-probe/channel";
import { SocketSet } from "@/lib/tls-probe/connection";
import { Deadline } from "@/lib/tls-probe/deadline";
import { handshakeAttempt } from "@/lib/tls-probe/handshake-probe";
import { helloAttempt } from "@/lib/tls-probe/hello-probe";
import { LOOPBACK_POLICY, startTlsServer, type RunningServer } from "@/tests/support/tls-servers";

// Every protocol range the product must tell apart, each on a real loopback TLS server.
// TLS 1.0-only servers use RSA certificates, as real TLS 1.0-era servers do; the rest ECDSA.
const RANGES: { name: string; min: TlsVersionName; max: TlsVersionName; keyType: "rsa" | "ecdsa" }[] = [
  { name: "1.0 only", min: "TLSv1", max: "TLSv1", keyType: "rsa" },
  { name: "1.0-1.1", min: "TLSv1", max: "TLSv1.1", keyType: "ecdsa" },
  { name: "1.1 only", min: "TLSv1.1", max: "TLSv1.1", keyType: "rsa" },
  { name: "1.2 only", min: "TLSv1.2", max: "TLSv1.2", keyType: "ecdsa" },
  { name: "1.3 only", min: "TLSv1.3", max: "TLSv1.3", keyType: "ecdsa" },
  { name: "1.2-1.3", min: "TLSv1.2", max: "TLSv1.3", keyType: "rsa" },
  { name: "1.0-1.3", min: "TLSv1", max: "TLSv1.3", keyType: "ecdsa" },
];

const inRange = (v: TlsVersionName, min: TlsVersionName, max: TlsVersionName) =>
  TLS_VERSIONS.indexOf(v) >= TLS_VERSIONS.indexOf(min) && TLS_VERSIONS.indexOf(v) <= TLS_VERSIONS.indexOf(max);

const servers = new Map<string, RunningServer>();
beforeAll(async () => {
  for (const r of RANGES) servers.set(r.name, await startTlsServer({ minVersion: r.min, maxVersion: r.max, keyType: r.keyType }));
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
});

function context(server: RunningServer): AttemptContext {
  return {
    address: server.host,
    port: server.port,
    endpoint: `${server.host}:${server.port}`,
    sni: "localhost",
    starttls: "none",
    deadline: new Deadline(5000),
    sockets: new SocketSet(),
  };
}

describe.each(RANGES)("a server accepting TLS $name", ({ name, min, max, keyType }) => {
  const expected = Object.fromEntries(TLS_VERSIONS.map((v) => [v, inRange(v, min, max)]));

  it.each(["auto", "handshake"] as const)("is reported exactly (method %s)", async (method) => {
    const server = servers.get(name)!;
    const r = await probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY, method });
    expect(r.error).toBeNull();
    expect(Object.fromEntries(TLS_VERSIONS.map((v) => [v, r.protocols[v].supported]))).toEqual(expected);
    for (const v of TLS_VERSIONS) {
      const p = r.protocols[v];
      if (p.supported) expect(p.cipher).toMatch(v === "TLSv1.3" ? /^TLS_/ : keyType === "rsa" ? /-RSA-|^AES/ : /-ECDSA-/);
      // A version the server does not have is refused by it, never a connection failure.
      else expect(p.reason).toMatch(/^refused by the server \((protocol_version alert|it answered with (TLS 1\.\d|a different version))\)$/);
    }
    expect(r.floorCheck).toEqual({
      floor: "TLSv1.1",
      meetsFloor: inRange("TLSv1.1", min, max) || inRange("TLSv1.2", min, max) || inRange("TLSv1.3", min, max),
      acceptsBelowFloor: min === "TLSv1",
    });
    // The certificate comes from the full handshake at the best version.
    expect(r.certificate?.keyType).toBe(keyType === "rsa" ? "RSA" : "EC");
    expect(r.timings.certificateMs).toBeGreaterThanOrEqual(0);
    await server.waitForIdle();
  });

  it("gets the same answer from a hand-built hello as from a real handshake, version by version", async () => {
    const server = servers.get(name)!;
    for (const v of TLS_VERSIONS) {
      const hello = await helloAttempt(context(server), v);
      const real = await handshakeAttempt(context(server), v);
      expect({ v, hello: hello.supported }).toEqual({ v, hello: real.supported });
      expect(real.supported).toBe(expected[v]);
      if (hello.supported && real.supported) expect(hello.cipher).toBe(real.cipher);
      if (!hello.supported && !real.supported) expect(hello.category).toBe(real.category);
    }
    await server.waitForIdle();
  });
});

describe("the floor", () => {
  it("is met only from TLS 1.2 up when the floor is TLS 1.2", async () => {
    const legacy = servers.get("1.0-1.1")!;
    const r = await probeTarget({ host: "127.0.0.1", port: legacy.port }, { policy: LOOPBACK_POLICY, floor: "TLSv1.2" });
    expect(r.floorCheck).toEqual({ floor: "TLSv1.2", meetsFloor: false, acceptsBelowFloor: true });
  });

  it("is met by a TLS 1.0-only server when the floor is TLS 1.0", async () => {
    const r = await probeTarget({ host: "127.0.0.1", port: servers.get("1.0 only")!.port }, { policy: LOOPBACK_POLICY, floor: "TLSv1" });
    expect(r.floorCheck).toEqual({ floor: "TLSv1", meetsFloor: true, acceptsBelowFloor: false });
  });
});

describe("no shared cipher", () => {
  it("is told apart from a refused version", async () => {
    // A TLS 1.2 server whose only suite is one the probe never offers (anonymous DH).
    const server = await startTlsServer({ minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: "ADH-AES128-GCM-SHA256@SECLEVEL=0" });
    try {
      const r = await probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY });
      expect(r.protocols["TLSv1.2"]).toEqual({ supported: false, reason: "no shared cipher (handshake_failure alert)" });
      expect(r.protocols["TLSv1.3"]).toMatchObject({ supported: false, reason: expect.stringMatching(/^refused/) });
      expect(r.error?.kind).toBe("handshake_failed");
      expect(r.error?.message).toContain("speaks TLS but accepted none of the versions offered");
      expect(r.certificate).toBeNull();
      expect(r.floorCheck.meetsFloor).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe("hellos agree with real handshakes on every kind of TLS server the tests use", () => {
  const KINDS: { name: string; server: Parameters<typeof startTlsServer>[0]; sni?: string | null }[] = [
    { name: "expired certificate", server: { cert: "expired", minVersion: "TLSv1.1" } },
    { name: "self-signed certificate", server: { cert: "self-signed", keyType: "rsa" } },
    { name: "hostname mismatch", server: { cert: "mismatch", maxVersion: "TLSv1.2" } },
    { name: "incomplete chain", server: { cert: "incomplete-chain", minVersion: "TLSv1.2" } },
    { name: "not yet valid", server: { cert: "not-yet-valid", maxVersion: "TLSv1.1" } },
    { name: "SNI required, none sent", server: { requireSni: "secure.test", names: ["secure.test"] }, sni: null },
    { name: "SNI required, sent", server: { requireSni: "secure.test", names: ["secure.test"], maxVersion: "TLSv1.2" }, sni: "secure.test" },
    { name: "anonymous suites only", server: { minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: "ADH-AES128-GCM-SHA256@SECLEVEL=0" } },
    { name: "AES-CBC SHA-1 suites only", server: { minVersion: "TLSv1", maxVersion: "TLSv1.2", keyType: "rsa", ciphers: "AES128-SHA@SECLEVEL=0" } },
  ];

  it.each(KINDS)("$name", async ({ server: opts, sni }) => {
    const server = await startTlsServer(opts);
    try {
      const target = { host: "127.0.0.1", port: server.port, sni: sni === undefined ? "localhost" : sni };
      const auto = await probeTarget(target, { policy: LOOPBACK_POLICY });
      const real = await probeTarget(target, { policy: LOOPBACK_POLICY, method: "handshake" });
      const accepted = (r: typeof auto) => TLS_VERSIONS.filter((v) => r.protocols[v].supported);
      expect(accepted(auto)).toEqual(accepted(real));
      expect(auto.floorCheck).toEqual(real.floorCheck);
      expect(auto.error?.kind ?? null).toBe(real.error?.kind ?? null);
      for (const v of TLS_VERSIONS) {
        const [a, b] = [auto.protocols[v], real.protocols[v]];
        if (a.supported && b.supported) expect(a.cipher).toBe(b.cipher);
      }
    } finally {
      await server.close();
    }
  });
});
