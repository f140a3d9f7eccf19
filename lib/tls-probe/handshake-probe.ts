import type { X509Certificate } from "node:crypto";
import tls from "node:tls";
import { openChannel, type AttemptContext } from "./channel";
import { NODE_CIPHER_STRING } from "./cipher-suites";
import { ConnectionFailure, deadlineFailure, socketErrorFailure } from "./connection";
import { fromAlert, fromConnectionFailure, tlsRejected, versionRefused, type Attempt, type PeerCertificates } from "./outcome";
import type { TlsVersionName } from "./versions";

// A real, complete handshake by Node's TLS (OpenSSL) with minVersion = maxVersion = the version:
// the strongest evidence there is that an endpoint accepts a version, and the source of the
// certificate. Trust is judged separately (certificate.ts), so verification never aborts it.

// A secure context per version, built once: creating one per connection re-parses the root store.
const contexts = new Map<TlsVersionName, tls.SecureContext>();
function contextFor(version: TlsVersionName): tls.SecureContext {
  let ctx = contexts.get(version);
  if (!ctx) {
    ctx = tls.createSecureContext({ minVersion: version, maxVersion: version, ciphers: NODE_CIPHER_STRING });
    contexts.set(version, ctx);
  }
  return ctx;
}

type Base = { version: TlsVersionName; method: "handshake"; ms: number };
const noop = () => {};

// OpenSSL reasons that mean the bytes coming back are not TLS at all.
const NOT_TLS_CODES = new Set([
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_SSL_PACKET_LENGTH_TOO_LONG",
  "ERR_SSL_HTTP_REQUEST",
  "ERR_SSL_HTTPS_PROXY_REQUEST",
  "ERR_SSL_UNKNOWN_PROTOCOL",
  "ERR_SSL_RECORD_LAYER_FAILURE",
]);

/** Maps an error from Node's TLS client to the same categories the hello probe uses. */
export function classifyTlsError(err: NodeJS.ErrnoException & { reason?: string }, base: Base, endpoint: string): Attempt {
  const alert = /SSL alert number (\d+)/.exec(err.message);
  if (alert) return fromAlert(base, Number(alert[1]), endpoint);
  const code = err.code ?? "";
  if (code === "ERR_SSL_UNSUPPORTED_PROTOCOL" || code === "ERR_SSL_WRONG_SSL_VERSION") {
    return versionRefused(base, "it answered with a different version", endpoint);
  }
  if (NOT_TLS_CODES.has(code)) {
    return fromConnectionFailure(
      base,
      new ConnectionFailure("not_tls", `${endpoint} answered with something that is not TLS (${err.reason ?? code})`),
    );
  }
  if (code === "ECONNRESET" && !err.syscall) {
    // Node's "Client network socket disconnected before secure TLS connection was established":
    // the peer closed (FIN) mid-handshake. A real RST carries the syscall that saw it.
    return fromConnectionFailure(base, new ConnectionFailure("closed", `${endpoint} closed the connection during the TLS handshake`));
  }
  if (code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) {
    return tlsRejected(base, `handshake error: ${err.reason ?? code}`, endpoint);
  }
  return fromConnectionFailure(base, socketErrorFailure(err, endpoint));
}

function peerCertificates(socket: tls.TLSSocket): PeerCertificates | undefined {
  // getPeerX509Certificate() is several times cheaper than getPeerCertificate(true), which
  // builds a legacy object for every certificate; the X509Certificate objects need no re-parsing.
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  for (let c = socket.getPeerX509Certificate(); c; c = c.issuerCertificate) {
    if (seen.has(c.fingerprint256)) break; // a self-signed root names itself as its issuer
    seen.add(c.fingerprint256);
    chain.push(c);
  }
  return chain.length > 0 ? { chain } : undefined;
}

/** TCP (and STARTTLS) first when needed; a plain target lets Node's TLS open the connection itself. */
async function connectTls(ctx: AttemptContext, version: TlsVersionName): Promise<tls.TLSSocket> {
  const options: tls.ConnectionOptions = {
    // RFC 6066: no IP literals in SNI; the probe only passes a name here.
    servername: ctx.sni ?? undefined,
    secureContext: contextFor(version),
    rejectUnauthorized: false,
    // Hostname is judged (and reported) by certificate.ts; here it must not fail the handshake.
    checkServerIdentity: () => undefined,
  };
  if (ctx.starttls === "none") {
    // The address literal: no DNS lookup happens here (the probe resolved the name once).
    const socket = ctx.sockets.add(tls.connect({ ...options, host: ctx.address, port: ctx.port }));
    socket.on("error", noop); // until the caller's listener is attached: never an unhandled 'error'
    return socket;
  }
  const channel = await openChannel(ctx);
  channel.reader.release();
  const secure = ctx.sockets.add(tls.connect({ ...options, socket: channel.socket }));
  secure.on("error", noop);
  secure.once("close", () => channel.socket.destroy());
  return secure;
}

export async function handshakeAttempt(ctx: AttemptContext, version: TlsVersionName): Promise<Attempt> {
  const started = Date.now();
  const base: Base = { version, method: "handshake", ms: 0 };
  const done = (a: Attempt): Attempt => ({ ...a, ms: Date.now() - started });
  let secure: tls.TLSSocket;
  try {
    secure = await connectTls(ctx, version);
  } catch (err) {
    if (err instanceof ConnectionFailure) return done(fromConnectionFailure(base, err));
    throw err;
  }
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    let unregister = () => {};
    const finish = (a: Attempt) => {
      if (settled) return;
      settled = true;
      unregister();
      secure.removeAllListeners("secureConnect");
      secure.destroy();
      resolve(done(a));
    };
    secure.on("error", (err: NodeJS.ErrnoException) => finish(classifyTlsError(err, base, ctx.endpoint)));
    secure.once("secureConnect", () => {
      const negotiated = secure.getProtocol();
      if (negotiated !== version) {
        finish(tlsRejected(base, `it negotiated ${negotiated} although only ${version} was allowed`, ctx.endpoint));
        return;
      }
      finish({ ...base, supported: true, cipher: secure.getCipher().name, peer: peerCertificates(secure) });
    });
    unregister = ctx.deadline.onExpire(() =>
      finish(
        fromConnectionFailure(
          base,
          deadlineFailure(ctx.deadline, (ms) =>
            secure.connecting
              ? `no TCP connection to ${ctx.endpoint} within ${ms} ms (a firewall may be dropping packets)`
              : `${ctx.endpoint} did not complete the TLS handshake within ${ms} ms`,
          ),
        ),
      ),
    );
  });
}
