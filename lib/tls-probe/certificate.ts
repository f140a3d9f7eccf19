import type { X509Certificate } from "node:crypto";
import tls, { type PeerCertificate } from "node:tls";
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

/** The two fields of Node's legacy certificate object that tls.checkServerIdentity reads. */
function identityOf(leaf: X509Certificate): PeerCertificate {
  const cn = leaf.subject
    .split("\n")
    .filter((l) => l.startsWith("CN="))
    .map((l) => l.slice(3));
  return {
    subject: cn.length === 0 ? {} : { CN: cn.length === 1 ? cn[0] : cn },
    subjectaltname: leaf.subjectAltName,
  } as unknown as PeerCertificate;
}

type StaticFacts = Omit<CertificateInfo, "expired" | "notYetValid" | "hostnameMatches"> & {
  identity: PeerCertificate;
  /** tls.checkServerIdentity answers per host name, computed on first use. */
  matches: Map<string, boolean>;
};

// Everything but the clock- and name-dependent facts is a pure function of the chain and the CA
// bundle, so it is computed once per distinct chain (chains repeat across probes: the same
// endpoint over time, shared intermediates). SHA-256 fingerprints identify the certificates.
const factsCache = new Map<string, StaticFacts>();
const bundleIds = new Map<string, number>();
const MAX_CACHED = 5000;

function staticFacts(chain: X509Certificate[], caBundle?: string): StaticFacts {
  let bundleId = 0;
  if (caBundle) {
    bundleId = bundleIds.get(caBundle) ?? bundleIds.size + 1;
    bundleIds.set(caBundle, bundleId);
  }
  const key = `${bundleId}|${chain.map((c) => c.fingerprint256).join("|")}`;
  const cached = factsCache.get(key);
  if (cached) return cached;
  const leaf = chain[0];
  let fields: ReturnType<typeof readCertificateFields>;
  try {
    fields = readCertificateFields(leaf.raw);
  } catch {
    // Our small DER reader met something unusual; OpenSSL's own rendering is still accurate.
    fields = {
      signatureAlgorithm: "unknown",
      notBefore: new Date(leaf.validFrom).toISOString(),
      notAfter: new Date(leaf.validTo).toISOString(),
    };
  }
  const facts: StaticFacts = {
    subject: formatName(leaf.subject),
    issuer: formatName(leaf.issuer),
    sans: parseSubjectAltName(leaf.subjectAltName),
    notBefore: fields.notBefore,
    notAfter: fields.notAfter,
    selfSigned: isSelfSigned(leaf),
    ...assessChain(chain, caBundle),
    ...describeKey(leaf),
    signatureAlgorithm: fields.signatureAlgorithm,
    fingerprintSha256: leaf.fingerprint256,
    identity: identityOf(leaf),
    matches: new Map(),
  };
  if (factsCache.size >= MAX_CACHED) factsCache.clear();
  factsCache.set(key, facts);
  return facts;
}

/**
 * The certificate facts of a completed handshake. `hostname` is what the certificate must name
 * (the SNI name, else the target host). Validity is judged against the real clock (`now` defaults
 * to Date.now()), never an application's simulated one.
 */
export function describeCertificate(peer: PeerCertificates, hostname: string, caBundle?: string, now: number = Date.now()): CertificateInfo {
  const facts = staticFacts(peer.chain, caBundle);
  let hostnameMatches = facts.matches.get(hostname);
  if (hostnameMatches === undefined) {
    hostnameMatches = tls.checkServerIdentity(hostname, facts.identity) === undefined;
    if (facts.matches.size < 100) facts.matches.set(hostname, hostnameMatches);
  }
  return {
    subject: facts.subject,
    issuer: facts.issuer,
    sans: [...facts.sans],
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    expired: now > Date.parse(facts.notAfter),
    notYetValid: now < Date.parse(facts.notBefore),
    selfSigned: facts.selfSigned,
    trusted: facts.trusted,
    hostnameMatches,
    chainComplete: facts.chainComplete,
    keyType: facts.keyType,
    keyBits: facts.keyBits,
    signatureAlgorithm: facts.signatureAlgorithm,
    chainLength: facts.chainLength,
    fingerprintSha256: facts.fingerprintSha256,
  };
}
