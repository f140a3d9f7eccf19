import { openChannel, type AttemptContext } from "./channel";
import { cipherName } from "./cipher-suites";
import { buildClientHello, keySharePublic, newHelloParams, suitesFor, type HelloParams } from "./client-hello";
import { ConnectionFailure, type SocketReader } from "./connection";
import { fromAlert, fromConnectionFailure, tlsRejected, versionRefused, type Attempt } from "./outcome";
import {
  HANDSHAKE,
  HandshakeAssembler,
  parseRecordHeader,
  parseServerHello,
  ProtocolViolation,
  RECORD,
  type ServerHello,
} from "./server-hello";
import { printable } from "./text";
import { describeVersionCode, VERSION_CODES, type TlsVersionName } from "./versions";

// Version detection from the server's answer to a hand-built hello. "Supported" needs positive
// evidence: a ServerHello selecting exactly the offered version with a cipher suite we offered and
// no compression, and for TLS 1.0-1.2 the server's whole first flight up to ServerHelloDone (so a
// server that picks the version and then aborts, e.g. for lack of a usable certificate, is not
// counted). For TLS 1.3 the flight after ServerHello is encrypted; the ServerHello with its key
// share is the evidence, as in sslscan and testssl.sh.

/** Cap on what we read of one server flight (certificate chains are a few KB; this is generous). */
const MAX_FLIGHT = 512 * 1024;

type Base = { version: TlsVersionName; method: "hello"; ms: number };
type Decision = Attempt | { retry: ServerHello };

function notTls(ctx: AttemptContext, bytes: Buffer): ConnectionFailure {
  const text = bytes.toString("latin1");
  let hint = "";
  if (/^\d{3}[ -]/.test(text)) hint = " (it looks like an SMTP or FTP greeting: for SMTP, probe with STARTTLS smtp)";
  else if (/^HTTP\//.test(text)) hint = " (it looks like plain HTTP)";
  else if (/^SSH-/.test(text)) hint = " (it is an SSH server)";
  else if (bytes[0] & 0x80 && bytes[2] === 4) hint = " (it looks like an SSL 2.0 ServerHello)";
  return new ConnectionFailure("not_tls", `${ctx.endpoint} answered with something that is not TLS: "${printable(bytes)}"${hint}`);
}

function judgeServerHello(ctx: AttemptContext, base: Base, params: HelloParams, sh: ServerHello): Decision | "await-done" {
  const offered = VERSION_CODES[params.version];
  const tls13 = params.version === "TLSv1.3";
  if (sh.version !== offered) {
    if (sh.version < offered) return versionRefused(base, `it answered with ${describeVersionCode(sh.version)}`, ctx.endpoint);
    return tlsRejected(base, `it answered with ${describeVersionCode(sh.version)}, which was not offered`, ctx.endpoint);
  }
  if (!tls13 && sh.hasSupportedVersions) {
    return tlsRejected(base, "it sent supported_versions in a pre-TLS 1.3 ServerHello", ctx.endpoint);
  }
  if (!suitesFor(params.version).some((s) => s.code === sh.cipher)) {
    return tlsRejected(base, `it chose cipher suite ${cipherName(sh.cipher)}, which was not offered`, ctx.endpoint);
  }
  if (sh.compression !== 0) return tlsRejected(base, "it chose compression, which was not offered", ctx.endpoint);
  if (tls13) {
    if (sh.helloRetryRequest) return { retry: sh };
    if (sh.keyShareGroup !== params.keyShareGroup) {
      return tlsRejected(base, "its TLS 1.3 ServerHello has no key share for the offered group", ctx.endpoint);
    }
    return { ...base, supported: true, cipher: cipherName(sh.cipher) };
  }
  return "await-done";
}

/** Reads records until the server's answer decides the attempt. */
async function readAnswer(ctx: AttemptContext, reader: SocketReader, base: Base, params: HelloParams): Promise<Decision> {
  const assembler = new HandshakeAssembler();
  let accepted: ServerHello | null = null;
  let total = 0;
  for (let first = true; ; first = false) {
    const headerBytes = await reader.read(5);
    const header = parseRecordHeader(headerBytes);
    if (!header) {
      if (first) throw notTls(ctx, Buffer.concat([headerBytes, reader.peek()]));
      throw new ProtocolViolation(`a malformed TLS record header (${headerBytes.toString("hex")})`);
    }
    total += 5 + header.length;
    if (total > MAX_FLIGHT) throw new ProtocolViolation(`its first flight exceeds ${MAX_FLIGHT} bytes`);
    const body = await reader.read(header.length);
    if (header.type === RECORD.alert) {
      if (body.length < 2) throw new ProtocolViolation("a truncated alert");
      // A warning alert (e.g. unrecognized_name from some servers) does not end the handshake.
      if (body[0] === 1 && body[1] !== 0) continue;
      return fromAlert(base, body[1], ctx.endpoint);
    }
    if (header.type !== RECORD.handshake) {
      throw new ProtocolViolation(`an unexpected record of type ${header.type} before its ServerHello was complete`);
    }
    for (const message of assembler.push(body)) {
      if (!accepted) {
        if (message.type !== HANDSHAKE.serverHello) {
          throw new ProtocolViolation(`handshake message ${message.type} where a ServerHello belongs`);
        }
        const serverHello = parseServerHello(message.body);
        const judged = judgeServerHello(ctx, base, params, serverHello);
        if (judged !== "await-done") return judged;
        accepted = serverHello;
      } else if (message.type === HANDSHAKE.serverHelloDone) {
        return { ...base, supported: true, cipher: cipherName(accepted.cipher) };
      }
    }
  }
}

/** One version, one connection, one hand-built hello (two for a TLS 1.3 HelloRetryRequest). */
export async function helloAttempt(ctx: AttemptContext, version: TlsVersionName): Promise<Attempt> {
  const started = Date.now();
  const base: Base = { version, method: "hello", ms: 0 };
  const done = (a: Attempt): Attempt => ({ ...a, ms: Date.now() - started });
  let channel: Awaited<ReturnType<typeof openChannel>> | null = null;
  try {
    channel = await openChannel(ctx);
    const params = newHelloParams(version, ctx.sni);
    channel.socket.write(buildClientHello(params));
    let decision = await readAnswer(ctx, channel.reader, base, params);
    if ("retry" in decision) {
      const hrr = decision.retry;
      const group = hrr.keyShareGroup;
      if (group === null || group === params.keyShareGroup || !keySharePublic(group)) {
        return done(tlsRejected(base, "its HelloRetryRequest asks for a group that was not offered", ctx.endpoint));
      }
      const retry: HelloParams = { ...params, keyShareGroup: group, cookie: hrr.cookie ?? undefined };
      channel.socket.write(buildClientHello(retry));
      decision = await readAnswer(ctx, channel.reader, base, retry);
      if ("retry" in decision) return done(tlsRejected(base, "it sent a second HelloRetryRequest", ctx.endpoint));
    }
    return done(decision);
  } catch (err) {
    if (err instanceof ConnectionFailure) return done(fromConnectionFailure(base, err));
    if (err instanceof ProtocolViolation) return done(tlsRejected(base, `it sent ${err.message}`, ctx.endpoint));
    throw err;
  } finally {
    if (channel) {
      channel.reader.release();
      channel.socket.destroy();
    }
  }
}
