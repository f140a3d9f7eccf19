import type net from "node:net";
import { connectTcp, SocketReader, type SocketSet } from "./connection";
import type { Deadline } from "./deadline";
import { smtpStartTls } from "./smtp";

/** Everything one version attempt needs; shared by all attempts of one probe. */
export interface AttemptContext {
  /** The address resolved once for the probe: every connection goes here (no DNS rebinding). */
  address: string;
  port: number;
  /** "address:port" for messages. */
  endpoint: string;
  sni: string | null;
  starttls: "none" | "smtp";
  deadline: Deadline;
  sockets: SocketSet;
}

/**
 * A fresh connection ready for a ClientHello: TCP, then the STARTTLS dialogue when the target
 * needs one. Each version attempt opens its own channel.
 */
export async function openChannel(ctx: AttemptContext): Promise<{ socket: net.Socket; reader: SocketReader }> {
  const socket = await connectTcp(ctx.address, ctx.port, ctx.deadline, ctx.sockets);
  const reader = new SocketReader(socket, ctx.deadline, ctx.endpoint);
  try {
    if (ctx.starttls === "smtp") await smtpStartTls(socket, reader, ctx.endpoint);
  } catch (err) {
    reader.release();
    socket.destroy();
    throw err;
  }
  return { socket, reader };
}
