import { X509Certificate } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { probeTarget } from "@/lib/tls-probe";
import {
  DEFAULT_NAMES,
  LOOPBACK_POLICY,
  MISMATCH_NAMES,
  startTlsServer,
  testCaPem,
  type RunningServer,
  type TlsServerOptions,
} from "@/tests/support/tls-servers";

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function probe(opts: TlsServerOptions, target: { host?: string; sni?: string | null } = {}, caBundle?: string) {
  const server = await startTlsServer(opts);
  running.push(server);
  const result = await probeTarget({ host: target.host ?? "localhost", port: server.port, sni: target.sni }, { policy: LOOPBACK_POLICY, caBundle });
  return { server, result };
}

describe("certificate facts", () => {
  it("describes a valid certificate signed by the test CA: untrusted without the bundle, trusted with it", async () => {
    const ca = await testCaPem();
    const without = await probe({ cert: "valid" });
    const c = without.result.certificate!;
    const leaf = new X509Certificate(without.server.credentials.leafPem);
    expect(c).toMatchObject({
      subject: "CN=localhost, O=TLS Readiness Board (test)",
      issuer: "CN=TLS Readiness Test Intermediate CA, O=TLS Readiness Board (test)",
      sans: DEFAULT_NAMES,
      expired: false,
      notYetValid: false,
      selfSigned: false,
      trusted: false,
      hostnameMatches: true,
      chainComplete: true, // leaf + intermediate sent; only the (unknown) root is left out
      keyType: "EC",
      keyBits: 256,
      signatureAlgorithm: "ecdsa-with-SHA256",
      chainLength: 2,
      fingerprintSha256: leaf.fingerprint256,
    });
    expect(c.notBefore).toBe(without.server.credentials.notBefore.toISOString().replace(/\.\d{3}Z$/, ".000Z"));
    expect(c.notAfter).toBe(without.server.credentials.notAfter.toISOString().replace(/\.\d{3}Z$/, ".000Z"));

    const withBundle = await probe({ cert: "valid" }, {}, ca);
    expect(withBundle.result.certificate).toMatchObject({ trusted: true, chainComplete: true, chainLength: 3 });
  });

  it("reports an expired certificate (by the real clock) without failing the probe", async () => {
    const { result } = await probe({ cert: "expired" }, {}, await testCaPem());
    expect(result.error).toBeNull();
    expect(result.floorCheck.meetsFloor).toBe(true);
    // Expiry and trust are separate facts: an expired certificate from a trusted CA is still trusted.
    expect(result.certificate).toMatchObject({ expired: true, notYetValid: false, trusted: true, hostnameMatches: true });
    expect(Date.parse(result.certificate!.notAfter)).toBeLessThan(Date.now());
  });

  it("reports a certificate that is not valid yet", async () => {
    const { result } = await probe({ cert: "not-yet-valid" });
    expect(result.certificate).toMatchObject({ expired: false, notYetValid: true });
  });

  it("reports a self-signed certificate as self-signed and untrusted, unless the bundle holds it", async () => {
    const { server, result } = await probe({ cert: "self-signed", keyType: "rsa" });
    expect(result.certificate).toMatchObject({
      selfSigned: true,
      trusted: false,
      chainComplete: true,
      chainLength: 1,
      keyType: "RSA",
      keyBits: 2048,
      signatureAlgorithm: "sha256WithRSAEncryption",
    });
    expect(result.certificate!.subject).toBe(result.certificate!.issuer);
    // Pinning an internal self-signed certificate is how admins trust one.
    const pinned = await probeTarget({ host: "localhost", port: server.port }, { policy: LOOPBACK_POLICY, caBundle: server.credentials.leafPem });
    expect(pinned.certificate).toMatchObject({ selfSigned: true, trusted: true });
  });

  it("reports a hostname mismatch against the host when no SNI is given", async () => {
    const { result } = await probe({ cert: "mismatch" });
    expect(result.certificate).toMatchObject({ hostnameMatches: false, sans: MISMATCH_NAMES });
    expect(result.floorCheck.meetsFloor).toBe(true); // trust and name are reported, not enforced
  });

  it("checks the name against the SNI name when one is given", async () => {
    const { server, result } = await probe({ cert: "mismatch" }, { sni: "unrelated.example" });
    expect(result.target.sni).toBe("unrelated.example");
    expect(result.certificate?.hostnameMatches).toBe(true);
    const ip = await probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY });
    expect(ip.target.sni).toBeNull(); // an IP literal is never sent as SNI
    expect(ip.certificate?.hostnameMatches).toBe(false);
  });

  it("sends a fully qualified name without its trailing dot", async () => {
    const { result } = await probe({ cert: "valid" }, { host: "127.0.0.1", sni: "localhost." });
    expect(result.target.sni).toBe("localhost");
    expect(result.certificate?.hostnameMatches).toBe(true);
  });

  it("matches IP addresses against IP SANs", async () => {
    const { result } = await probe({ cert: "valid" }, { host: "127.0.0.1" });
    expect(result.target).toMatchObject({ host: "127.0.0.1", sni: null, address: "127.0.0.1" });
    expect(result.certificate?.hostnameMatches).toBe(true);
  });

  it("flags a chain served without its intermediate", async () => {
    const { result } = await probe({ cert: "incomplete-chain" }, {}, await testCaPem());
    expect(result.certificate).toMatchObject({ chainComplete: false, trusted: false, chainLength: 1 });
  });
});

describe("a server that requires SNI", () => {
  it("fails the handshake without the expected name and succeeds with it", async () => {
    const server = await startTlsServer({ requireSni: "secure.test", names: ["secure.test"] });
    running.push(server);
    const bare = await probeTarget({ host: "127.0.0.1", port: server.port }, { policy: LOOPBACK_POLICY });
    expect(bare.error?.kind).toBe("handshake_failed");
    expect(bare.error?.message).toContain("may require one");
    for (const p of Object.values(bare.protocols)) expect(p).toEqual({ supported: false, reason: "rejected by the server (unrecognized_name alert)" });

    const named = await probeTarget({ host: "127.0.0.1", port: server.port, sni: "secure.test" }, { policy: LOOPBACK_POLICY });
    expect(named.error).toBeNull();
    expect(Object.values(named.protocols).every((p) => p.supported)).toBe(true);
    expect(named.certificate).toMatchObject({ hostnameMatches: true, sans: ["secure.test"] });
    await server.waitForIdle();
  });
});
