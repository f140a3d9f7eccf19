import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback that accepts every message (any sender, any recipient, no
// authentication) and keeps it raw: the demo points SMTP_URL at it so its people's mail has
// somewhere to go, and the tests read what was delivered.

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface MailSink {
  host: string;
  port: number;
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startMailSink(opts: { port?: number; keep?: number } = {}): Promise<MailSink> {
  const received: ReceivedMail[] = [];
  const keep = opts.keep ?? 1000;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    banner: "TLS Readiness Board mail sink",
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        if (received.length > keep) received.shift();
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  const host = "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    host,
    port,
    url: `smtp://${host}:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
