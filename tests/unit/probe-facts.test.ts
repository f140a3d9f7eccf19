import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/lib/tls-probe";
import { certificateProblem, handshakeVersionOf } from "@/lib/probes/facts";

const cert = { subject: "CN=a", issuer: "CN=ca", sans: ["a.example"], notBefore: "2016-01-01T00:00:00Z", notAfter: "2030-01-01T00:00:00Z", expired: false, notYetValid: false, selfSigned: false, trusted: true, hostnameMatches: true, chainComplete: true, keyType: "EC", keyBits: 256, signatureAlgorithm: "ecdsa-with-SHA256", chainLength: 2, fingerprintSha256: "ab" };
const yes = { supported: true as const, cipher: "X" };
const no = { supported: false as const, reason: "refused by the server" };

function result(p: Partial<ProbeResult>): ProbeResult {
  return {
    target: { host: "a.example", port: 443, sni: "a.example", address: "192.0.2.1", starttls: "none" },
    protocols: { TLSv1: no, "TLSv1.1": no, "TLSv1.2": yes, "TLSv1.3": yes },
    certificate: cert,
    error: null,
    floorCheck: { floor: "TLSv1.1", meetsFloor: true, acceptsBelowFloor: false },
    timings: { dnsMs: 1, perVersion: { TLSv1: 1, "TLSv1.1": 1, "TLSv1.2": 1, "TLSv1.3": 1 }, certificateMs: 1 },
    durationMs: 5,
    startedAt: "2026-11-28T00:00:00Z",
    ...p,
  };
}

describe("stored probe facts", () => {
  it("take the newest version proven by a real handshake", () => {
    expect(handshakeVersionOf(result({}))).toBe("TLSv1.3");
    expect(handshakeVersionOf(result({ protocols: { TLSv1: yes, "TLSv1.1": no, "TLSv1.2": no, "TLSv1.3": no }, floorCheck: { floor: "TLSv1.1", meetsFloor: false, acceptsBelowFloor: true } }))).toBe("TLSv1");
  });

  it("claim nothing without a completed handshake, or when the probe's own judgement disagrees", () => {
    expect(handshakeVersionOf(result({ certificate: null }))).toBeNull();
    expect(handshakeVersionOf(result({ error: { kind: "timeout", message: "x" } }))).toBeNull();
    expect(handshakeVersionOf(result({ floorCheck: { floor: "TLSv1.1", meetsFloor: false, acceptsBelowFloor: false } }))).toBeNull();
  });

  it("accept a self-signed certificate an admin trusts, and name every problem", () => {
    expect(certificateProblem(result({ certificate: { ...cert, selfSigned: true, trusted: true } }))).toBeNull();
    expect(certificateProblem(result({}))).toBeNull();
    const bad = { ...cert, expired: true, notAfter: "2017-01-31T00:00:00Z", hostnameMatches: false, selfSigned: true, trusted: false };
    expect(certificateProblem(result({ certificate: bad }))).toBe("expired on 2017-01-31; issued for a.example, not a.example; self-signed and not trusted");
  });
});
