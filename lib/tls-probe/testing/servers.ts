// Real loopback servers for tests, the demo and the benchmark: TLS servers with a chosen version
// range and certificate, SMTP servers with or without STARTTLS, and misbehaving TCP services.
// Nothing is mocked: the probe talks to these over real sockets.
import net from "node:net";
import tls from "node:tls";
import type { TlsVersionName } from "../versions";
import { makeServerCertificate, type CertKind, type KeyType, type ServerCredentials } from "./certs";

export interface RunningServer {
  host: string;
  port: number;
  /** Server-side connections currently open (a probe that leaks sockets shows up here). */
  openConnections(): number;
  /** Connections accepted since the server started. */
  acceptedConnections(): number;
  /** Resolves once no connection is open; rejects after timeoutMs saying how many remain. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TlsEndpointOptions {
  /** Default TLSv1. */
  minVersion?: TlsVersionName;
  /** Default TLSv1.3. */
  maxVersion?: TlsVersionName;
  cert?: CertKind;
  keyType?: KeyType;
  /** Override the names in the certificate. */
  names?: string[];
  /** OpenSSL cipher string. Default "DEFAULT@SECLEVEL=0": OpenSSL 3 cannot serve TLS 1.0/1.1 at level 1. */
  ciphers?: string;
}

export interface TlsServerOptions extends TlsEndpointOptions {
  /** Abort (fatal unrecognized_name alert) every handshake whose SNI is not this name. */
  requireSni?: string;
  /** Listen address, default 127.0.0.1. */
  host?: string;
  port?: number;
}

const noop = () => {};

function tracked(server: net.Server, host: string): RunningServer {
  const open = new Set<net.Socket>();
  let accepted = 0;
  server.on("connection", (socket: net.Socket) => {
    accepted++;
    open.add(socket);
    socket.on("error", noop);
    socket.once("close", () => open.delete(socket));
  });
  const address = server.address() as net.AddressInfo;
  return {
    host,
    port: address.port,
    openConnections: () => open.size,
    acceptedConnections: () => accepted,
    async waitForIdle(timeoutMs = 2000) {
      const until = Date.now() + timeoutMs;
      while (open.size > 0) {
        if (Date.now() > until) throw new Error(`${open.size} connection(s) still open on ${host}:${address.port}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function listen(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.removeListener("error", reject);
      resolve();
    });
  });
}

async function secureContextFor(opts: TlsEndpointOptions): Promise<{ context: tls.SecureContextOptions; credentials: ServerCredentials }> {
  const credentials = await makeServerCertificate(opts.cert ?? "valid", { names: opts.names, keyType: opts.keyType });
  return {
    credentials,
    context: {
      key: credentials.key,
      cert: credentials.cert,
      minVersion: opts.minVersion ?? "TLSv1",
      maxVersion: opts.maxVersion ?? "TLSv1.3",
      ciphers: opts.ciphers ?? "DEFAULT@SECLEVEL=0",
    },
  };
}

/** After the handshake, answer like a tiny HTTPS server so a browser or curl shows something. */
function serveAfterHandshake(socket: tls.TLSSocket): void {
  socket.on("error", noop);
  socket.once("data", () => {
    socket.end("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 27\r\n\r\nTLS readiness test endpoint");
  });
}

/** The SNI host name in a raw ClientHello record, null if none, undefined if more bytes are needed. */
export function sniFromClientHello(data: Buffer): string | null | undefined {
  if (data.length < 5) return undefined;
  if (data[0] !== 22) return null;
  const recordEnd = 5 + data.readUInt16BE(3);
  if (data.length < recordEnd) return undefined;
  try {
    let at = 5 + 4 + 2 + 32; // record header, handshake header, client_version, random
    at += 1 + data[at]; // session id
    at += 2 + data.readUInt16BE(at); // cipher suites
    at += 1 + data[at]; // compression methods
    const extEnd = at + 2 + data.readUInt16BE(at);
    for (at += 2; at + 4 <= extEnd; ) {
      const type = data.readUInt16BE(at);
      const len = data.readUInt16BE(at + 2);
      if (type === 0) return data.subarray(at + 9, at + 9 + data.readUInt16BE(at + 7)).toString("ascii");
      at += 4 + len;
    }
  } catch {
    return null;
  }
  return null;
}

const UNRECOGNIZED_NAME_ALERT = Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x70]);

/** A TLS server on loopback accepting exactly the versions in [minVersion, maxVersion]. */
export async function startTlsServer(opts: TlsServerOptions = {}): Promise<RunningServer & { credentials: ServerCredentials }> {
  const host = opts.host ?? "127.0.0.1";
  const { context, credentials } = await secureContextFor(opts);
  const tlsServer = tls.createServer(context, serveAfterHandshake);
  tlsServer.on("tlsClientError", noop);
  let outer: net.Server = tlsServer;
  if (opts.requireSni) {
    // A front that reads the ClientHello and refuses the wrong SNI the way SNI-routing servers do
    // (nginx ssl_reject_handshake), then hands good connections to the TLS server unchanged.
    const required = opts.requireSni.toLowerCase();
    outer = net.createServer((socket) => {
      let buffered = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        const sni = sniFromClientHello(buffered);
        if (sni === undefined) return;
        socket.removeListener("data", onData);
        socket.pause();
        if (sni?.toLowerCase() === required) {
          socket.unshift(buffered);
          tlsServer.emit("connection", socket);
        } else socket.end(UNRECOGNIZED_NAME_ALERT);
      };
      socket.on("data", onData);
    });
  }
  await listen(outer, host, opts.port ?? 0);
  return { ...tracked(outer, host), credentials };
}

export interface SmtpServerOptions {
  /** Advertise and perform STARTTLS (default true). */
  starttls?: boolean;
  /** TLS offered after STARTTLS. */
  tls?: TlsEndpointOptions;
  /** Reply to STARTTLS instead of "220 2.0.0 Ready to start TLS", e.g. "454 4.7.0 TLS not available". */
  starttlsReply?: string;
  /** Greeting lines; default a two-line 220 greeting (exercises multi-line parsing). */
  greeting?: string;
  host?: string;
  port?: number;
}

/** A small but real SMTP server: greeting, EHLO, STARTTLS, then TLS on the same connection. */
export async function startSmtpServer(opts: SmtpServerOptions = {}): Promise<RunningServer & { credentials: ServerCredentials }> {
  const host = opts.host ?? "127.0.0.1";
  const offerTls = opts.starttls ?? true;
  const { context, credentials } = await secureContextFor(opts.tls ?? {});
  const secureContext = tls.createSecureContext(context);
  const server = net.createServer((socket) => {
    socket.write(opts.greeting ?? "220-smtp.test ESMTP TLS readiness test server\r\n220 smtp.test ready\r\n");
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("latin1");
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl).replace(/\r$/, "");
        buffered = buffered.slice(nl + 1);
        const verb = line.split(" ")[0].toUpperCase();
        if (verb === "EHLO") {
          const caps = ["PIPELINING", "SIZE 10240000", ...(offerTls ? ["STARTTLS"] : []), "8BITMIME"];
          socket.write(`250-smtp.test greets ${line.slice(5)}\r\n${caps.map((c, i) => `250${i === caps.length - 1 ? " " : "-"}${c}\r\n`).join("")}`);
        } else if (verb === "HELO") socket.write("250 smtp.test\r\n");
        else if (verb === "STARTTLS") {
          if (!offerTls) socket.write("502 5.5.1 STARTTLS not supported\r\n");
          else if (opts.starttlsReply) socket.write(`${opts.starttlsReply}\r\n`);
          else {
            socket.removeListener("data", onData);
            socket.pause();
            socket.write("220 2.0.0 Ready to start TLS\r\n");
            const secure = new tls.TLSSocket(socket, { isServer: true, secureContext });
            secure.on("error", noop);
            secure.on("secure", () => secure.once("data", () => secure.end("221 2.0.0 bye\r\n")));
            return;
          }
        } else if (verb === "QUIT") {
          socket.end("221 2.0.0 bye\r\n");
          return;
        } else socket.write("500 5.5.2 command not recognized\r\n");
      }
    };
    socket.on("data", onData);
  });
  await listen(server, host, opts.port ?? 0);
  return { ...tracked(server, host), credentials };
}

export type TcpBehavior =
  /** Accepts, reads, and never says anything. */
  | "tarpit"
  /** Accepts and resets at once (RST). */
  | "reset"
  /** Accepts and closes its side at once (FIN) without a word (and drains what arrives, so no RST). */
  | "close"
  /** Sends a banner on connect (default an SSH one) and waits. */
  | "banner"
  /** Answers whatever arrives with an HTTP 400, like a plain HTTP server on a TLS port. */
  | "http"
  /** Answers whatever arrives with bytes that are no protocol at all. */
  | "garbage"
  /** Answers with a TLS handshake record holding a truncated ServerHello. */
  | "bad-tls";

/** A plain TCP service that misbehaves in the chosen way. */
export async function startTcpServer(opts: { behavior: TcpBehavior; banner?: string; host?: string; port?: number }): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  const server = net.createServer((socket) => {
    switch (opts.behavior) {
      case "tarpit":
        socket.resume(); // read and drop, so the client's close is noticed; never answer
        return;
      case "reset":
        socket.resetAndDestroy();
        return;
      case "close":
        socket.end();
        socket.resume();
        return;
      case "banner":
        socket.write(opts.banner ?? "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
        socket.resume();
        return;
      case "http":
        socket.once("data", () => socket.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return;
      case "garbage":
        socket.once("data", () => socket.end(Buffer.from("deadbeef00ff17fe".repeat(8), "hex")));
        return;
      case "bad-tls":
        socket.once("data", () => socket.end(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x06, 0x02, 0x00, 0x00, 0x02, 0x03, 0x03])));
        return;
    }
  });
  await listen(server, host, opts.port ?? 0);
  return tracked(server, host);
}

/** A loopback port with nothing listening (bound, then released). */
export async function closedPort(host = "127.0.0.1"): Promise<number> {
  const server = net.createServer();
  await listen(server, host, 0);
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
