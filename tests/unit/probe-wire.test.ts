import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildClientHello, newHelloParams, suitesFor } from "@/lib/tls-probe/client-hello";
import { readCertificateFields } from "@/lib/tls-probe/der";
import { parseSubjectAltName, formatName } from "@/lib/tls-probe/certificate";
import { HandshakeAssembler, parseRecordHeader, parseServerHello, ProtocolViolation } from "@/lib/tls-probe/server-hello";
import { makeServerCertificate } from "@/lib/tls-probe/testing/certs";
import { sniFromClientHello } from "@/lib/tls-probe/testing/servers";
import { TLS_VERSIONS } from "@/lib/tls-probe";

/** Extension types in a ClientHello record, in order. */
function extensionTypes(hello: Buffer): number[] {
  let at = 5 + 4 + 2 + 32;
  at += 1 + hello[at];
  at += 2 + hello.readUInt16BE(at);
  at += 1 + hello[at];
  const end = at + 2 + hello.readUInt16BE(at);
  const types: number[] = [];
  for (at += 2; at < end; at += 4 + hello.readUInt16BE(at + 2)) types.push(hello.readUInt16BE(at));
  return types;
}

function cipherCodes(hello: Buffer): number[] {
  let at = 5 + 4 + 2 + 32;
  at += 1 + hello[at];
  const len = hello.readUInt16BE(at);
  return Array.from({ length: len / 2 }, (_, i) => hello.readUInt16BE(at + 2 + 2 * i));
}

describe("hand-built ClientHello", () => {
  it.each(TLS_VERSIONS)("offers only %s, in a well-formed record", (version) => {
    const hello = buildClientHello(newHelloParams(version, "api.example.com"));
    expect(hello[0]).toBe(22);
    expect(hello.readUInt16BE(3)).toBe(hello.length - 5);
    expect(hello[5]).toBe(1); // client_hello
    expect(hello.readUIntBE(6, 3)).toBe(hello.length - 9);
    const clientVersion = hello.readUInt16BE(9);
    const types = extensionTypes(hello);
    if (version === "TLSv1.3") {
      expect(clientVersion).toBe(0x0303);
      expect(types).toEqual(expect.arrayContaining([43, 51, 45]));
      const sv = hello.indexOf(Buffer.from([0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04]));
      expect(sv).toBeGreaterThan(0); // supported_versions = [TLS 1.3] and nothing else
    } else {
      expect(clientVersion).toBe({ TLSv1: 0x0301, "TLSv1.1": 0x0302, "TLSv1.2": 0x0303 }[version]);
      expect(types).not.toContain(43);
      expect(types).not.toContain(51);
    }
    // signature_algorithms only from TLS 1.2 (RFC 5246 forbids it in older hellos).
    expect(types.includes(13)).toBe(version === "TLSv1.2" || version === "TLSv1.3");
    // Never TLS_FALLBACK_SCSV: it would make a modern server refuse an old version on purpose.
    expect(cipherCodes(hello)).not.toContain(0x5600);
    expect(cipherCodes(hello)).toContain(0x00ff);
    expect(sniFromClientHello(hello)).toBe("api.example.com");
  });

  it("offers no TLS 1.2-only suites in a TLS 1.0 hello", () => {
    expect(suitesFor("TLSv1").some((s) => s.tls12Only)).toBe(false);
    expect(suitesFor("TLSv1.2").some((s) => s.code >= 0x1301 && s.code <= 0x1305)).toBe(false);
  });

  it("sends no SNI when there is no name, and pads hellos out of the 256-511 byte range", () => {
    for (const v of TLS_VERSIONS) {
      const hello = buildClientHello(newHelloParams(v, null));
      expect(sniFromClientHello(hello)).toBeNull();
      const handshakeLength = hello.length - 5;
      expect(handshakeLength < 256 || handshakeLength >= 512).toBe(true);
    }
  });

  it("uses fresh randomness for every hello", () => {
    const a = buildClientHello(newHelloParams("TLSv1.3", null));
    const b = buildClientHello(newHelloParams("TLSv1.3", null));
    expect(a.length).toBe(b.length);
    expect(a.subarray(11, 43).equals(b.subarray(11, 43))).toBe(false);
    expect(a.subarray(44, 76).equals(b.subarray(44, 76))).toBe(false); // legacy session id
  });
});

describe("reading the server's answer", () => {
  it("refuses record headers that are not TLS", () => {
    expect(parseRecordHeader(Buffer.from("SSH-2"))).toBeNull();
    expect(parseRecordHeader(Buffer.from("HTTP/"))).toBeNull();
    expect(parseRecordHeader(Buffer.from([0x16, 0x03, 0x09, 0x00, 0x10]))).toBeNull();
    expect(parseRecordHeader(Buffer.from([0x16, 0x03, 0x03, 0x50, 0x00]))).toBeNull(); // longer than any record
    expect(parseRecordHeader(Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02]))).toEqual({ type: 21, version: 0x0301, length: 2 });
  });

  it("parses a ServerHello, its supported_versions and a HelloRetryRequest", () => {
    const hrrRandom = Buffer.from("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c", "hex");
    const ext = Buffer.from([0x00, 0x2b, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x02, 0x00, 0x17]);
    const body = Buffer.concat([Buffer.from([0x03, 0x03]), hrrRandom, Buffer.from([0x00, 0x13, 0x01, 0x00]), Buffer.from([0x00, ext.length]), ext]);
    const sh = parseServerHello(body);
    expect(sh).toMatchObject({ version: 0x0304, legacyVersion: 0x0303, hasSupportedVersions: true, cipher: 0x1301, helloRetryRequest: true, keyShareGroup: 0x17 });
    expect(() => parseServerHello(body.subarray(0, 20))).toThrow(ProtocolViolation);
  });

  it("reassembles handshake messages split across records", () => {
    const assembler = new HandshakeAssembler();
    const message = Buffer.from([0x02, 0x00, 0x00, 0x03, 0xaa, 0xbb, 0xcc, 0x0e, 0x00, 0x00, 0x00]);
    expect(assembler.push(message.subarray(0, 5))).toEqual([]);
    const out = assembler.push(message.subarray(5));
    expect(out.map((m) => m.type)).toEqual([2, 14]);
    expect([...out[0].body]).toEqual([0xaa, 0xbb, 0xcc]);
  });
});

describe("certificate fields", () => {
  it("reads the signature algorithm and validity from DER", async () => {
    const creds = await makeServerCertificate("valid", { keyType: "rsa" });
    const x = new X509Certificate(creds.leafPem);
    expect(readCertificateFields(x.raw)).toEqual({
      signatureAlgorithm: "ecdsa-with-SHA256",
      notBefore: new Date(Math.floor(creds.notBefore.getTime() / 1000) * 1000).toISOString(),
      notAfter: new Date(Math.floor(creds.notAfter.getTime() / 1000) * 1000).toISOString(),
    });
  });

  it("formats names most-specific first and SANs as plain names", () => {
    expect(formatName("C=US\nO=Example\nCN=api.example.com")).toBe("CN=api.example.com, O=Example, C=US");
    expect(parseSubjectAltName('DNS:a.example, IP Address:0:0:0:0:0:0:0:1, DNS:"x,y.example", URI:https://x.example/')).toEqual([
      "a.example",
      "::1",
      "x,y.example",
      "URI:https://x.example/",
    ]);
  });
});
