import { describe, expect, it } from "vitest";
import { diffProbeResults, type CertificateInfo, type ProbeResult, type TlsVersionName } from "@/lib/tls-probe";

const NOW = new Date("2027-01-10T12:00:00Z");

function cert(over: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    subject: "CN=api.example.com, O=Example",
    issuer: "CN=Example CA, O=Example",
    sans: ["api.example.com"],
    notBefore: "2026-06-01T00:00:00.000Z",
    notAfter: "2027-06-01T00:00:00.000Z",
    expired: false,
    notYetValid: false,
    selfSigned: false,
    trusted: true,
    hostnameMatches: true,
    chainComplete: true,
    keyType: "EC",
    keyBits: 256,
    signatureAlgorithm: "ecdsa-with-SHA256",
    chainLength: 3,
    fingerprintSha256: "AA:AA",
    ...over,
  };
}

function result(supported: TlsVersionName[], over: Partial<ProbeResult> = {}): ProbeResult {
  const protocols = Object.fromEntries(
    (["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const).map((v) => [
      v,
      supported.includes(v) ? { supported: true, cipher: v === "TLSv1.3" ? "TLS_AES_256_GCM_SHA384" : "ECDHE-ECDSA-AES256-SHA" } : { supported: false, reason: "refused by the server (protocol_version alert)" },
    ]),
  ) as ProbeResult["protocols"];
  const floorOk = supported.some((v) => v !== "TLSv1");
  return {
    target: { host: "api.example.com", port: 443, sni: "api.example.com", address: "203.0.113.10", starttls: "none" },
    protocols,
    certificate: cert(),
    error: null,
    floorCheck: { floor: "TLSv1.1", meetsFloor: floorOk, acceptsBelowFloor: supported.includes("TLSv1") },
    timings: { dnsMs: 1, perVersion: { TLSv1: 1, "TLSv1.1": 1, "TLSv1.2": 1, "TLSv1.3": 1 }, certificateMs: 1 },
    durationMs: 10,
    startedAt: "2027-01-01T00:00:00.000Z",
    ...over,
  };
}

function unreachable(kind: "timeout" | "refused" | "dns"): ProbeResult {
  const r = result([]);
  const entry = { supported: false as const, reason: `not tested: ${kind}` };
  return { ...r, protocols: { TLSv1: entry, "TLSv1.1": entry, "TLSv1.2": entry, "TLSv1.3": entry }, certificate: null, error: { kind, message: "..." }, floorCheck: { floor: "TLSv1.1", meetsFloor: false, acceptsBelowFloor: false } };
}

describe("diffProbeResults", () => {
  it("says nothing when nothing changed", () => {
    expect(diffProbeResults(result(["TLSv1.2", "TLSv1.3"]), result(["TLSv1.2", "TLSv1.3"]), NOW)).toEqual([]);
  });

  it("reports versions dropped and added, and the floor", () => {
    const older = result(["TLSv1"]);
    const newer = result(["TLSv1.2", "TLSv1.3"]);
    expect(diffProbeResults(older, newer, NOW)).toEqual(["TLS 1.0 no longer accepted", "TLS 1.2 now accepted", "TLS 1.3 now accepted", "now meets the TLS 1.1 floor"]);
    expect(diffProbeResults(newer, older, NOW)).toEqual(["TLS 1.0 now accepted", "TLS 1.2 no longer accepted", "TLS 1.3 no longer accepted", "no longer meets the TLS 1.1 floor"]);
  });

  it("reports reachability instead of listing every version as lost", () => {
    expect(diffProbeResults(result(["TLSv1.2"]), unreachable("timeout"), NOW)).toEqual(["no longer reachable: timeout", "no longer meets the TLS 1.1 floor"]);
    expect(diffProbeResults(unreachable("refused"), result(["TLSv1.2"]), NOW)).toEqual(["reachable again (was refused)", "now meets the TLS 1.1 floor"]);
    expect(diffProbeResults(unreachable("refused"), unreachable("dns"), NOW)).toEqual(["still not probed successfully: now dns (was refused)"]);
  });

  it("reports a new certificate with its issuer, and trust and name changes", () => {
    const older = result(["TLSv1.2"]);
    const newer = result(["TLSv1.2"], { certificate: cert({ fingerprintSha256: "BB:BB", issuer: "CN=Other CA", trusted: false, hostnameMatches: false }) });
    expect(diffProbeResults(older, newer, NOW)).toEqual([
      "certificate changed (new issuer CN=Other CA)",
      "certificate no longer trusted",
      "certificate no longer matches the host name",
    ]);
    const renewed = result(["TLSv1.2"], { certificate: cert({ fingerprintSha256: "CC:CC", notAfter: "2028-01-01T00:00:00.000Z" }) });
    expect(diffProbeResults(older, renewed, NOW)).toEqual(["certificate changed (same issuer, valid until 2028-01-01)"]);
  });

  it("warns about expiry against the given clock", () => {
    const soon = result(["TLSv1.2"], { certificate: cert({ notAfter: "2027-01-22T12:00:00.000Z" }) });
    expect(diffProbeResults(soon, soon, NOW)).toEqual(["certificate expires in 12 days"]);
    const tomorrow = result(["TLSv1.2"], { certificate: cert({ notAfter: "2027-01-11T13:00:00.000Z" }) });
    expect(diffProbeResults(tomorrow, tomorrow, NOW)).toEqual(["certificate expires in 1 day"]);
    const past = result(["TLSv1.2"], { certificate: cert({ notAfter: "2027-01-01T00:00:00.000Z", expired: true }) });
    expect(diffProbeResults(past, past, NOW)).toEqual(["certificate expired on 2027-01-01"]);
  });

  it("reports a changed address, cipher and floor", () => {
    const older = result(["TLSv1.2"]);
    const moved = result(["TLSv1.2"], { target: { ...older.target, address: "203.0.113.99" } });
    expect(diffProbeResults(older, moved, NOW)).toEqual(["address changed from 203.0.113.10 to 203.0.113.99"]);
    const cipher = result(["TLSv1.2"]);
    cipher.protocols["TLSv1.2"] = { supported: true, cipher: "ECDHE-ECDSA-AES128-GCM-SHA256" };
    expect(diffProbeResults(older, cipher, NOW)).toEqual(["TLS 1.2 cipher changed from ECDHE-ECDSA-AES256-SHA to ECDHE-ECDSA-AES128-GCM-SHA256"]);
    const stricter = result(["TLSv1.2"], { floorCheck: { floor: "TLSv1.3", meetsFloor: false, acceptsBelowFloor: true } });
    expect(diffProbeResults(older, stricter, NOW)).toEqual(["floor changed from TLS 1.1 to TLS 1.3; the endpoint does not meet it"]);
  });
});
