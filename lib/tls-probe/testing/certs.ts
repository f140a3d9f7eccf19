// Certificates for the real loopback TLS servers used by tests, the demo and the benchmark.
// A small private PKI (root CA -> intermediate CA -> leaf) is generated per process with WebCrypto,
// so nothing secret is committed and every run starts clean. Pass `testCaPem()` as the probe's
// caBundle to make the "valid" certificates trusted.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type CertKind = "valid" | "expired" | "not-yet-valid" | "self-signed" | "mismatch" | "incomplete-chain";
export type KeyType = "ecdsa" | "rsa";

export interface ServerCredentials {
  kind: CertKind;
  /** PKCS#8 PEM private key of the leaf. */
  key: string;
  /** PEM chain as the server presents it: the leaf, then the intermediate (unless incomplete-chain). */
  cert: string;
  leafPem: string;
  /** Names in the leaf's subjectAltName. */
  names: string[];
  notBefore: Date;
  notAfter: Date;
}

/** Names a "valid" certificate covers by default: the loopback host in every spelling. */
export const DEFAULT_NAMES = ["localhost", "127.0.0.1", "::1"];
/** What a "mismatch" certificate names instead. */
export const MISMATCH_NAMES = ["unrelated.example"];

const DAY = 24 * 60 * 60 * 1000;
const ECDSA = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
const RSA = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
const SIGN_ECDSA = { name: "ECDSA", hash: "SHA-256" };

interface Authority {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

function generateKeys(type: KeyType): Promise<CryptoKeyPair> {
  return subtle.generateKey(type === "rsa" ? RSA : ECDSA, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await subtle.exportKey("pkcs8", key));
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----\n`;
}

const pem = (c: x509.X509Certificate) => `${c.toString("pem")}\n`;

function sanEntries(names: string[]): x509.JsonGeneralName[] {
  return names.map((n) => (/^[\d.]+$/.test(n) || n.includes(":") ? { type: "ip", value: n } : { type: "dns", value: n }));
}

let pki: Promise<{ root: Authority; intermediate: Authority }> | null = null;

function getPki() {
  pki ??= (async () => {
    const now = Date.now();
    const rootKeys = await generateKeys("ecdsa");
    const root = await x509.X509CertificateGenerator.createSelfSigned({
      name: "O=TLS Readiness Board (test), CN=TLS Readiness Test Root CA",
      keys: rootKeys,
      notBefore: new Date(now - 365 * DAY),
      notAfter: new Date(now + 3650 * DAY),
      signingAlgorithm: SIGN_ECDSA,
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
      ],
    });
    const interKeys = await generateKeys("ecdsa");
    const inter = await x509.X509CertificateGenerator.create({
      subject: "O=TLS Readiness Board (test), CN=TLS Readiness Test Intermediate CA",
      issuer: root.subject,
      publicKey: interKeys.publicKey,
      signingKey: rootKeys.privateKey,
      notBefore: new Date(now - 365 * DAY),
      notAfter: new Date(now + 3650 * DAY),
      signingAlgorithm: SIGN_ECDSA,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(interKeys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
      ],
    });
    return { root: { cert: root, keys: rootKeys }, intermediate: { cert: inter, keys: interKeys } };
  })();
  return pki;
}

/** PEM of the test root CA: the caBundle that makes "valid" test certificates trusted. */
export async function testCaPem(): Promise<string> {
  return pem((await getPki()).root.cert);
}

// Leaf keys are shared per type: key generation (RSA especially) dominates, and tests only need
// distinct certificates, not distinct keys.
const leafKeys = new Map<KeyType, Promise<CryptoKeyPair>>();
const credentials = new Map<string, Promise<ServerCredentials>>();

/**
 * A certificate of the given kind for a test server (memoised per kind, names and key type).
 * "valid": signed by the test intermediate, names DEFAULT_NAMES (or `names`), served with the intermediate.
 * "expired" / "not-yet-valid": same, outside its validity period by the real clock.
 * "self-signed": its own issuer. "mismatch": valid but for MISMATCH_NAMES.
 * "incomplete-chain": valid, but served without the intermediate.
 */
export function makeServerCertificate(
  kind: CertKind = "valid",
  opts: { names?: string[]; keyType?: KeyType } = {},
): Promise<ServerCredentials> {
  const names = kind === "mismatch" && !opts.names ? MISMATCH_NAMES : (opts.names ?? DEFAULT_NAMES);
  const keyType = opts.keyType ?? "ecdsa";
  const cacheKey = `${kind}|${keyType}|${names.join(",")}`;
  let made = credentials.get(cacheKey);
  if (!made) {
    made = createCredentials(kind, names, keyType);
    credentials.set(cacheKey, made);
  }
  return made;
}

async function createCredentials(kind: CertKind, names: string[], keyType: KeyType): Promise<ServerCredentials> {
  let keysPromise = leafKeys.get(keyType);
  if (!keysPromise) {
    keysPromise = generateKeys(keyType);
    leafKeys.set(keyType, keysPromise);
  }
  const keys = await keysPromise;
  const now = Date.now();
  const [notBefore, notAfter] =
    kind === "expired"
      ? [new Date(now - 400 * DAY), new Date(now - 30 * DAY)]
      : kind === "not-yet-valid"
        ? [new Date(now + 30 * DAY), new Date(now + 400 * DAY)]
        : [new Date(now - DAY), new Date(now + 90 * DAY)];
  // Written issuer-first (DER order), as real certificates are: the probe shows "CN=..., O=...".
  const subject = `O=TLS Readiness Board (test), CN=${names[0] ?? "test"}`;
  const extensions = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension(sanEntries(names)),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  let leaf: x509.X509Certificate;
  let chain: x509.X509Certificate[];
  if (kind === "self-signed") {
    leaf = await x509.X509CertificateGenerator.createSelfSigned({
      name: subject,
      keys,
      notBefore,
      notAfter,
      signingAlgorithm: keyType === "rsa" ? RSA : SIGN_ECDSA,
      extensions,
    });
    chain = [leaf];
  } else {
    const { intermediate } = await getPki();
    leaf = await x509.X509CertificateGenerator.create({
      subject,
      issuer: intermediate.cert.subject,
      publicKey: keys.publicKey,
      signingKey: intermediate.keys.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm: SIGN_ECDSA,
      extensions: [...extensions, await x509.AuthorityKeyIdentifierExtension.create(intermediate.keys.publicKey)],
    });
    chain = kind === "incomplete-chain" ? [leaf] : [leaf, intermediate.cert];
  }
  return {
    kind,
    key: await privateKeyPem(keys.privateKey),
    cert: chain.map(pem).join(""),
    leafPem: pem(leaf),
    names,
    notBefore,
    notAfter,
  };
}
