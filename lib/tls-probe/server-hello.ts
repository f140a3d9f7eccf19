// Parsing of what a server answers to a ClientHello: TLS record headers and the ServerHello.
// Everything here treats its input as hostile: lengths are checked before use.

export const RECORD = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;
export const HANDSHAKE = { serverHello: 2, certificate: 11, serverKeyExchange: 12, serverHelloDone: 14 } as const;
/** Largest record a peer may send: 2^14 plaintext plus the maximum expansion. */
export const MAX_RECORD = 16384 + 2048;

// A HelloRetryRequest is a ServerHello whose random is this constant (SHA-256 of "HelloRetryRequest").
const HRR_RANDOM = Buffer.from("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c", "hex");

/** The server's bytes violate the protocol: it speaks something TLS-shaped but broken. */
export class ProtocolViolation extends Error {}

export interface RecordHeader {
  type: number;
  version: number;
  length: number;
}

/** Null when the 5 bytes cannot be the start of a TLS record (the peer is not speaking TLS). */
export function parseRecordHeader(h: Buffer): RecordHeader | null {
  const type = h[0];
  const version = h.readUInt16BE(1);
  const length = h.readUInt16BE(3);
  if (type < RECORD.changeCipherSpec || type > RECORD.applicationData) return null;
  if (h[1] !== 3 || h[2] > 4) return null;
  if (length === 0 || length > MAX_RECORD) return null;
  return { type, version, length };
}

export interface ServerHello {
  /** The version the server selected (supported_versions if present, else legacy_version). */
  version: number;
  legacyVersion: number;
  hasSupportedVersions: boolean;
  cipher: number;
  compression: number;
  helloRetryRequest: boolean;
  /** Group of the server's key_share (TLS 1.3), or the group a HelloRetryRequest asks for. */
  keyShareGroup: number | null;
  /** Cookie extension body from a HelloRetryRequest, to echo back. */
  cookie: Buffer | null;
  sessionId: Buffer;
}

class Cursor {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  private need(n: number) {
    if (this.at + n > this.buf.length) throw new ProtocolViolation("a truncated ServerHello");
  }
  u8(): number {
    this.need(1);
    return this.buf[this.at++];
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const v = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  get left(): number {
    return this.buf.length - this.at;
  }
}

/** Parses the body of a ServerHello handshake message (without its 4-byte header). */
export function parseServerHello(body: Buffer): ServerHello {
  const c = new Cursor(body);
  const legacyVersion = c.u16();
  const random = c.bytes(32);
  const sessionId = c.bytes(c.u8());
  const cipher = c.u16();
  const compression = c.u8();
  const hello: ServerHello = {
    version: legacyVersion,
    legacyVersion,
    hasSupportedVersions: false,
    cipher,
    compression,
    helloRetryRequest: random.equals(HRR_RANDOM),
    keyShareGroup: null,
    cookie: null,
    sessionId,
  };
  if (c.left === 0) return hello; // extensions are optional before TLS 1.3
  const extensions = new Cursor(c.bytes(c.u16()));
  while (extensions.left > 0) {
    const type = extensions.u16();
    const data = new Cursor(extensions.bytes(extensions.u16()));
    if (type === 43) {
      hello.version = data.u16();
      hello.hasSupportedVersions = true;
    } else if (type === 51) {
      hello.keyShareGroup = data.u16();
    } else if (type === 44) {
      hello.cookie = data.bytes(data.left);
    }
  }
  return hello;
}

/** Incrementally splits handshake records into handshake messages (which may span records). */
export class HandshakeAssembler {
  private pending: Buffer = Buffer.alloc(0);
  push(fragment: Buffer): { type: number; body: Buffer }[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, fragment]) : fragment;
    const out: { type: number; body: Buffer }[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUIntBE(1, 3);
      if (this.pending.length < 4 + length) break;
      out.push({ type: this.pending[0], body: this.pending.subarray(4, 4 + length) });
      this.pending = this.pending.subarray(4 + length);
    }
    return out;
  }
}
