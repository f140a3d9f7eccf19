import type net from "node:net";
import { ConnectionFailure, type SocketReader } from "./connection";
import { printable } from "./text";

// RFC 5321 says 512 octets per reply line; real servers exceed it a little, so be lenient but bounded.
const MAX_LINE = 4096;
const MAX_LINES = 100;

interface Reply {
  code: number;
  lines: string[];
}

function replyText(reply: Reply): string {
  return printable(reply.lines.join("\n"), 300);
}

/** Reads one (possibly multi-line, "250-...") SMTP reply. */
async function readReply(reader: SocketReader, endpoint: string, waitingFor: string): Promise<Reply> {
  const lines: string[] = [];
  for (;;) {
    let line: string;
    try {
      line = (await reader.readLine(MAX_LINE)).replace(/\r?\n$/, "");
    } catch (err) {
      if (err instanceof ConnectionFailure && err.kind === "timeout") {
        throw new ConnectionFailure(
          "timeout",
          `${err.message} while waiting for ${waitingFor}` +
            (waitingFor === "the SMTP greeting" ? " (is this an implicit-TLS port such as 465, rather than STARTTLS?)" : ""),
        );
      }
      throw err;
    }
    const m = /^(\d{3})([ -]|$)/.exec(line);
    if (!m) {
      throw new ConnectionFailure(
        "starttls_failed",
        `${endpoint} did not answer like an SMTP server while we waited for ${waitingFor}: "${printable(line)}"`,
      );
    }
    lines.push(line);
    if (m[2] !== "-") return { code: Number(m[1]), lines };
    if (lines.length >= MAX_LINES) {
      throw new ConnectionFailure("starttls_failed", `${endpoint} sent more than ${MAX_LINES} reply lines`);
    }
  }
}

/** An address literal for EHLO (RFC 5321 4.1.3): always well-formed, and honest about who we are. */
function ehloName(socket: net.Socket): string {
  const local = socket.localAddress ?? "127.0.0.1";
  return local.includes(":") ? `[IPv6:${local}]` : `[${local}]`;
}

/**
 * The STARTTLS dialogue of RFC 3207: greeting, EHLO, STARTTLS, 220. After it the socket is ready for
 * a TLS ClientHello. Anything else becomes a starttls_failed failure quoting the server's reply.
 */
export async function smtpStartTls(socket: net.Socket, reader: SocketReader, endpoint: string): Promise<void> {
  const greeting = await readReply(reader, endpoint, "the SMTP greeting");
  if (greeting.code !== 220) {
    throw new ConnectionFailure("starttls_failed", `${endpoint} refused the SMTP session: "${replyText(greeting)}"`);
  }
  socket.write(`EHLO ${ehloName(socket)}\r\n`);
  const ehlo = await readReply(reader, endpoint, "the EHLO reply");
  if (ehlo.code !== 250) {
    throw new ConnectionFailure("starttls_failed", `${endpoint} rejected EHLO: "${replyText(ehlo)}"`);
  }
  const offersStartTls = ehlo.lines.some((l) => /^\d{3}[ -]STARTTLS\s*$/i.test(l));
  if (!offersStartTls) {
    throw new ConnectionFailure(
      "starttls_failed",
      `${endpoint} does not offer STARTTLS (its EHLO reply: "${replyText(ehlo)}")`,
    );
  }
  socket.write("STARTTLS\r\n");
  const ready = await readReply(reader, endpoint, "the STARTTLS reply");
  if (ready.code !== 220) {
    throw new ConnectionFailure("starttls_failed", `${endpoint} refused STARTTLS: "${replyText(ready)}"`);
  }
  // Bytes after the 220 and before our hello would be plaintext injected into the TLS stream.
  const extra = reader.peek();
  if (extra.length > 0) {
    throw new ConnectionFailure(
      "starttls_failed",
      `${endpoint} sent data after accepting STARTTLS and before TLS began: "${printable(extra)}"`,
    );
  }
}
