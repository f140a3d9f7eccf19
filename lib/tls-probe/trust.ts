import { X509Certificate } from "node:crypto";
import tls from "node:tls";

// Trust is judged here rather than taken from OpenSSL's verify result, because OpenSSL reports
// only its last error: a certificate that is both untrusted and expired comes back as just
// "expired". The product reports trust and validity separately, so the chain is built here:
// leaf -> issuers the server sent (CA certificates, signature verified) -> a trust anchor
// (Node's root store or the caller's CA bundle). Validity dates do not affect trust.

interface Anchors {
  bySubject: Map<string, X509Certificate[]>;
  fingerprints: Set<string>;
}

function makeAnchors(certs: X509Certificate[]): Anchors {
  const bySubject = new Map<string, X509Certificate[]>();
  for (const c of certs) bySubject.set(c.subject, [...(bySubject.get(c.subject) ?? []), c]);
  return { bySubject, fingerprints: new Set(certs.map((c) => c.fingerprint256)) };
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Parses every certificate in a PEM bundle; throws an Error saying what is wrong with it. */
export function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_CERT) ?? [];
  if (blocks.length === 0) throw new Error("the CA bundle contains no PEM certificate (-----BEGIN CERTIFICATE-----)");
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (err) {
      throw new Error(`certificate ${i + 1} of the CA bundle cannot be parsed: ${(err as Error).message}`);
    }
  });
}

let rootAnchors: Anchors | null = null;
const bundleAnchors = new Map<string, Anchors>();

/** Node's root store (parsed once per process) plus the optional bundle (parsed once per distinct bundle). */
export function anchorsFor(caBundle?: string): Anchors[] {
  rootAnchors ??= makeAnchors(tls.rootCertificates.map((pem) => new X509Certificate(pem)));
  if (!caBundle) return [rootAnchors];
  let extra = bundleAnchors.get(caBundle);
  if (!extra) {
    extra = makeAnchors(parsePemBundle(caBundle));
    if (bundleAnchors.size > 100) bundleAnchors.clear(); // bounded: bundles come from settings, not users
    bundleAnchors.set(caBundle, extra);
  }
  return [rootAnchors, extra];
}

/** Did `issuer` sign `cert`? Name/key-identifier match plus a real signature check. */
export function issued(issuer: X509Certificate, cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false; // e.g. a key type this OpenSSL cannot verify: not proof of issuance
  }
}

export function isSelfSigned(cert: X509Certificate): boolean {
  try {
    // Not checkIssued(cert): a self-signed leaf often lacks keyCertSign, which checkIssued demands.
    return cert.subject === cert.issuer && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

export interface ChainAssessment {
  trusted: boolean;
  /**
   * The server sent every certificate needed to reach a root: the path ends at a trust anchor, a
   * self-signed root, or a CA certificate whose (root) issuer was left out, which servers may do.
   * A leaf or path ending in a non-CA whose issuer is missing lacks an intermediate.
   */
  chainComplete: boolean;
  /** Certificates on that path, leaf and (where found) the anchor included. */
  chainLength: number;
}

export function assessChain(presented: X509Certificate[], caBundle?: string): ChainAssessment {
  const anchors = anchorsFor(caBundle);
  const isAnchor = (c: X509Certificate) => anchors.some((a) => a.fingerprints.has(c.fingerprint256));
  const anchorIssuer = (c: X509Certificate) =>
    anchors.flatMap((a) => a.bySubject.get(c.issuer) ?? []).find((a) => issued(a, c));

  const path = [presented[0]];
  for (let cur = presented[0]; path.length <= 10; ) {
    if (isAnchor(cur)) return { trusted: true, chainComplete: true, chainLength: path.length };
    const anchor = anchorIssuer(cur);
    if (anchor) return { trusted: true, chainComplete: true, chainLength: path.length + 1 };
    if (isSelfSigned(cur)) return { trusted: false, chainComplete: true, chainLength: path.length };
    const next = presented.find((p) => !path.includes(p) && p.ca && issued(p, cur));
    if (!next) return { trusted: false, chainComplete: cur !== presented[0] && cur.ca, chainLength: path.length };
    path.push(next);
    cur = next;
  }
  return { trusted: false, chainComplete: false, chainLength: path.length };
}
