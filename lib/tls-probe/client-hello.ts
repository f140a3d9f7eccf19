import crypto from "node:crypto";
import {
  EMPTY_RENEGOTIATION_INFO_SCSV,
  TLS10_SUITES,
  TLS12_SUITES,
  TLS13_SUITES,
  type CipherSuite,
} from "./cipher-suites";
import { VERSION_CODES, type TlsVersionName } from "./versions";

// A hand-built ClientHello offering exactly one protocol version, the way sslscan and testssl.sh
// detect versions: the server's answer (ServerHello at that version, or an alert) is the evidence,
// and no key exchange has to be completed. Its extensions mirror what OpenSSL's client sends for
// the same version, so servers treat it like a real client's hello.

export const GROUPS = {
  x25519: 0x001d,
  secp256r1: 0x0017,
  x448: 0x001e,
  secp521r1: 0x0019,
  secp384r1: 0x0018,
} as const;
const FFDHE_GROUPS = [0x0100, 0x0101, 0x0102, 0x0103, 0x0104];
const EC_GROUPS = [GROUPS.x25519, GROUPS.secp256r1, GROUPS.x448, GROUPS.secp521r1, GROUPS.secp384r1];

// ECDSA, EdDSA, RSA-PSS, then PKCS#1 including SHA-1 (which TLS 1.0-era certificates need).
const SIGNATURE_ALGORITHMS = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501,
  0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202,
];

const EXT = {
  serverName: 0,
  supportedGroups: 10,
  ecPointFormats: 11,
  signatureAlgorithms: 13,
  padding: 21,
  extendedMasterSecret: 23,
  supportedVersions: 43,
  cookie: 44,
  pskKeyExchangeModes: 45,
  keyShare: 51,
} as const;

// Key shares are public values only: the probe never completes the exchange, so one key pair per
// group per process is enough and saves generating one per hello.
const keyShareCache = new Map<number, Buffer>();
export function keySharePublic(group: number): Buffer | null {
  let key = keyShareCache.get(group);
  if (key) return key;
  if (group === GROUPS.x25519 || group === GROUPS.x448) {
    const { publicKey } =
      group === GROUPS.x25519 ? crypto.generateKeyPairSync("x25519") : crypto.generateKeyPairSync("x448");
    key = Buffer.from(publicKey.export({ format: "jwk" }).x as string, "base64url");
  } else {
    const curve = { [GROUPS.secp256r1]: "prime256v1", [GROUPS.secp384r1]: "secp384r1", [GROUPS.secp521r1]: "secp521r1" }[group];
    if (!curve) return null;
    key = crypto.createECDH(curve).generateKeys(); // uncompressed point, as TLS wants it
  }
  keyShareCache.set(group, key);
  return key;
}

export function suitesFor(version: TlsVersionName): readonly CipherSuite[] {
  if (version === "TLSv1.3") return [...TLS13_SUITES, ...TLS12_SUITES];
  return version === "TLSv1.2" ? TLS12_SUITES : TLS10_SUITES;
}

const u8 = (n: number) => Buffer.from([n & 0xff]);
const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u24 = (n: number) => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const vec8 = (b: Buffer) => Buffer.concat([u8(b.length), b]);
const vec16 = (b: Buffer) => Buffer.concat([u16(b.length), b]);
const list16 = (values: number[]) => vec16(Buffer.concat(values.map(u16)));
const ext = (type: number, data: Buffer) => Buffer.concat([u16(type), vec16(data)]);

export interface HelloParams {
  version: TlsVersionName;
  /** Host name for the server_name extension, or null to send none. */
  sni: string | null;
  /** Fixed across a HelloRetryRequest, as RFC 8446 requires of the second ClientHello. */
  random: Buffer;
  sessionId: Buffer;
  /** TLS 1.3: the group to send a key share for (the retry uses the server's choice). */
  keyShareGroup?: number;
  /** TLS 1.3: the cookie a HelloRetryRequest asked to be echoed. */
  cookie?: Buffer;
}

// Hello randoms come from a pooled buffer of CSPRNG output: one OpenSSL call per 256 hellos
// instead of one per hello, which showed up in bulk-run profiles.
let pool = Buffer.alloc(0);
let poolAt = 0;
function freshRandom(n: number): Buffer {
  if (poolAt + n > pool.length) {
    pool = crypto.randomBytes(64 * 256);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

export function newHelloParams(version: TlsVersionName, sni: string | null): HelloParams {
  const tls13 = version === "TLSv1.3";
  const random = freshRandom(tls13 ? 64 : 32);
  return {
    version,
    sni,
    random: random.subarray(0, 32),
    // TLS 1.3 clients send a legacy session id so middleboxes see a familiar TLS 1.2 shape.
    sessionId: tls13 ? random.subarray(32) : Buffer.alloc(0),
    keyShareGroup: GROUPS.x25519,
  };
}

// Offsets in the record: 5 (record header) + 4 (handshake header) + 2 (client_version).
const RANDOM_OFFSET = 11;
const SESSION_ID_OFFSET = RANDOM_OFFSET + 32 + 1;

// A hello differs between connections only in its random and session id, so the bytes are built
// once per (version, SNI, group) and copied with fresh randomness: building from parts dominated
// the client's cost of a hello in a bulk run.
const templates = new Map<string, Buffer>();
const MAX_TEMPLATES = 2000;

/** A complete TLS record carrying the ClientHello. */
export function buildClientHello(p: HelloParams): Buffer {
  if (p.cookie) return encodeClientHello(p); // a HelloRetryRequest answer: rare, built directly
  const key = `${p.version}|${p.keyShareGroup ?? ""}|${p.sni ?? ""}`;
  let template = templates.get(key);
  if (!template) {
    template = encodeClientHello({ ...p, random: Buffer.alloc(32), sessionId: Buffer.alloc(p.sessionId.length) });
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(key, template);
  }
  const hello = Buffer.from(template);
  p.random.copy(hello, RANDOM_OFFSET);
  p.sessionId.copy(hello, SESSION_ID_OFFSET);
  return hello;
}

function encodeClientHello(p: HelloParams): Buffer {
  const tls13 = p.version === "TLSv1.3";
  const extensions: Buffer[] = [];
  if (p.sni) {
    const name = Buffer.from(p.sni, "ascii");
    extensions.push(ext(EXT.serverName, vec16(Buffer.concat([u8(0), vec16(name)]))));
  }
  // ffdhe groups only mean something to TLS 1.2 servers here; a TLS 1.3 hello offers the groups it
  // can answer a HelloRetryRequest for.
  extensions.push(ext(EXT.supportedGroups, list16(tls13 ? EC_GROUPS : [...EC_GROUPS, ...FFDHE_GROUPS])));
  extensions.push(ext(EXT.ecPointFormats, vec8(u8(0)))); // uncompressed only
  // Clients offering only TLS 1.0/1.1 must not send signature_algorithms (RFC 5246 7.4.1.4.1).
  if (p.version === "TLSv1.2" || tls13) extensions.push(ext(EXT.signatureAlgorithms, list16(SIGNATURE_ALGORITHMS)));
  if (!tls13) extensions.push(ext(EXT.extendedMasterSecret, Buffer.alloc(0)));
  if (tls13) {
    extensions.push(ext(EXT.supportedVersions, vec8(u16(VERSION_CODES["TLSv1.3"]))));
    extensions.push(ext(EXT.pskKeyExchangeModes, vec8(u8(1)))); // psk_dhe_ke
    if (p.cookie) extensions.push(ext(EXT.cookie, p.cookie));
    const group = p.keyShareGroup ?? GROUPS.x25519;
    const share = keySharePublic(group);
    if (!share) throw new Error(`no key share generator for group 0x${group.toString(16)}`);
    extensions.push(ext(EXT.keyShare, vec16(Buffer.concat([u16(group), vec16(share)]))));
  }

  // Without supported_versions, client_version carries the one version offered; with it (TLS 1.3)
  // client_version is frozen at TLS 1.2.
  const clientVersion = tls13 ? VERSION_CODES["TLSv1.2"] : VERSION_CODES[p.version];
  // No TLS_FALLBACK_SCSV: it would make a server that supports newer versions refuse this one.
  const suites = [...suitesFor(p.version).map((s) => s.code), EMPTY_RENEGOTIATION_INFO_SCSV];
  const head = Buffer.concat([u16(clientVersion), p.random, vec8(p.sessionId), list16(suites), vec8(u8(0))]);

  // Some middleboxes (an F5 bug) hang on hellos of 256-511 bytes; pad past it as OpenSSL does (RFC 7685).
  let extBlock = Buffer.concat(extensions);
  const length = 4 + head.length + 2 + extBlock.length;
  if (length >= 256 && length < 512) {
    const pad = Math.max(0, 512 - length - 4);
    extBlock = Buffer.concat([extBlock, ext(EXT.padding, Buffer.alloc(pad))]);
  }
  const body = Buffer.concat([head, vec16(extBlock)]);
  const handshake = Buffer.concat([u8(1), u24(body.length), body]);
  // Record version 0x0301 for the first flight, as OpenSSL and browsers send it.
  return Buffer.concat([u8(22), u16(0x0301), u16(handshake.length), handshake]);
}
