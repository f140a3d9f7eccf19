import { X509Certificate } from "node:crypto";
import tls from "node:tls";
import { readCertificateFields } from "./der";
import { formatIp, parseIp } from "./ip";
import type { PeerCertificates } from "./outcome";
import { assessChain, isSelfSigned } from "./trust";
import type { CertificateInfo } from "./types";

/** "C=US\nO=Example\nCN=api" (Node, issuer-first) -> "CN=api, O=Example, C=US" (RFC 4514 order). */
export function formatName(multiline: string): string {
  return multiline.split("\n").filter(Boolean).reverse().join(", ");
}

/** Node's "DNS:a, IP Address:1.2.3.4" -> ["a", "1.2.3.4"]; other kinds keep their prefix. */
export function parseSubjectAltName(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  // Node quotes a value as a JSON string when it contains a comma or quote.
  const entry = /(?:^|, )([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)/g;
  for (let m = entry.exec(text); m; m = entry.exec(text)) {
    const kind = m[1];
    const value = m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : m[2];
    if (kind === "DNS") out.push(value);
    else if (kind === "IP Address") {
      const ip = parseIp(value);
      out.push(ip ? formatIp(ip) : value);
    } else out.push(`${kind}:${value}`);
  }
  return out;
}

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  secp256r1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

function describeKey(cert: X509Certificate): { keyType: string; keyBits: number | null } {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { keyType: "RSA", keyBits: details.modulusLength ?? null };
    case "rsa-pss":
      return { keyType: "RSA-PSS", keyBits: details.modulusLength ?? null };
    case "dsa":
      return { keyType: "DSA", keyBits: details.modulusLength ?? null };
    case "ec":
      return { keyType: "EC", keyBits: CURVE_BITS[details.namedCurve ?? ""] ?? null };
    case "ed25519":
      return { keyType: "Ed25519", keyBits: 256 };
    case "ed448":
      return { keyType: "Ed448", keyBits: 456 };
    default:
      return { keyType: key.asymmetricKeyType ?? "unknown", keyBits: null };
  }
}

/**
 * The certificate facts of a completed handshake. `hostname` is what the certificate must name
 * (the SNI name, else the target host). Validity is judged against the real clock (`now` defaults
 * to Date.now()), never an application's simulated one.
 */
export function describeCertificate(
  peer: PeerCertificates,
  hostname: string,
  caBundle?: string,
  now: number = Date.now(),
): CertificateInfo {
  const chain = peer.chain.map((der) => new X509Certificate(der));
  const leaf = chain[0];
  const fields = readCertificateFields(peer.chain[0]);
  const { trusted, chainComplete, chainLength } = assessChain(chain, caBundle);
  return {
    subject: formatName(leaf.subject),
    issuer: formatName(leaf.issuer),
    sans: parseSubjectAltName(leaf.subjectAltName),
    notBefore: fields.notBefore,
    notAfter: fields.notAfter,
    expired: now > Date.parse(fields.notAfter),
    notYetValid: now < Date.parse(fields.notBefore),
    selfSigned: isSelfSigned(leaf),
    trusted,
    hostnameMatches: tls.checkServerIdentity(hostname, peer.leaf) === undefined,
    chainComplete,
    ...describeKey(leaf),
    signatureAlgorithm: fields.signatureAlgorithm,
    chainLength,
    fingerprintSha256: leaf.fingerprint256,
  };
}
