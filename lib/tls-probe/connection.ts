import net from "node:net";
import type { Deadline } from "./deadline";

/** How a single connection attempt failed below (or instead of) TLS. */
export type ConnectionFailureKind = "refused" | "timeout" | "reset" | "closed" | "not_tls" | "starttls_failed" | "aborted";

/** Thrown inside an attempt; the attempt turns it into a classified outcome. */
export class ConnectionFailure extends Error {
  constructor(
    readonly kind: ConnectionFailureKind,
    message: string,
  ) {
    super(message);
  }
}

const noop = () => {};

/** Every socket a probe opens, so that nothing outlives the probe whatever path it took. */
export class SocketSet {
  private readonly sockets = new Set<net.Socket>();
  add<T extends net.Socket>(socket: T): T {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    return socket;
  }
  destroyAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
  get size(): number {
    return this.sockets.size;
  }
}

/** The failure when the probe's deadline fires; `timeoutMessage` reads "...within N ms". */
export function deadlineFailure(deadline: Deadline, timeoutMessage: (ms: number) => string): ConnectionFailure {
  if (deadline.cause === "aborted") return new ConnectionFailure("aborted", "the probe was cancelled before it finished");
  return new ConnectionFailure("timeout", timeoutMessage(deadline.timeoutMs));
}

/** Classifies a socket error raised by the OS. */
export function socketErrorFailure(err: NodeJS.ErrnoException, endpoint: string): ConnectionFailure {
  switch (err.code) {
    case "ECONNREFUSED":
      return new ConnectionFailure("refused", `${endpoint} refused the connection (ECONNREFUSED): nothing listens on that port, or a firewall rejects it`);
    case "ECONNRESET":
    case "EPIPE":
      return new ConnectionFailure("reset", `${endpoint} reset the connection (${err.code})`);
    case "ETIMEDOUT":
      return new ConnectionFailure("timeout", `the connection to ${endpoint} timed out (ETIMEDOUT)`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EADDRNOTAVAIL":
    case "ENETDOWN":
    case "EHOSTDOWN":
      return new ConnectionFailure("refused", `${endpoint} cannot be reached from here (${err.code}): no route to that address`);
    default:
      return new ConnectionFailure("reset", `the connection to ${endpoint} failed (${err.code ?? err.message})`);
  }
}

export function endpointLabel(address: string, port: number): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Opens a TCP connection to an address literal (never a name: the probe resolved it once). */
export function connectTcp(address: string, port: number, deadline: Deadline, sockets: SocketSet): Promise<net.Socket> {
  const endpoint = endpointLabel(address, port);
  return new Promise((resolve, reject) => {
    const tooSlow = (ms: number) => `no TCP connection to ${endpoint} within ${ms} ms (a firewall may be dropping packets)`;
    if (deadline.expired) return reject(deadlineFailure(deadline, tooSlow));
    const socket = sockets.add(net.connect({ host: address, port }));
    // A socket must always have an error listener: an unhandled 'error' would crash the worker.
    socket.on("error", noop);
    socket.setNoDelay(true);
    const cleanup = () => {
      socket.removeListener("connect", onConnect);
      socket.removeListener("error", onError);
      unregister();
    };
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    const onError = (err: NodeJS.ErrnoException) => {
      cleanup();
      socket.destroy();
      reject(socketErrorFailure(err, endpoint));
    };
    const unregister = deadline.onExpire(() => {
      cleanup();
      socket.destroy();
      reject(deadlineFailure(deadline, tooSlow));
    });
    socket.once("connect", onConnect);
    socket.once("error", onError);
  });
}

/**
 * Pull-style reading from a socket with the probe's deadline: read(n) gives exactly n bytes or
 * throws a classified ConnectionFailure (closed, reset, timeout).
 */
export class SocketReader {
  private buffered: Buffer[] = [];
  private length = 0;
  private ended = false;
  private failure: ConnectionFailure | null = null;
  private wake: (() => void) | null = null;
  /** Bytes received so far, to tell "closed without answering" from "closed mid-answer". */
  received = 0;
  private readonly unregister: () => void;

  constructor(
    private readonly socket: net.Socket,
    private readonly deadline: Deadline,
    private readonly endpoint: string,
  ) {
    socket.on("data", this.onData);
    socket.on("end", this.onEnd);
    socket.on("error", this.onError);
    socket.on("close", this.onEnd);
    this.unregister = deadline.onExpire(() => {
      this.fail(
        deadlineFailure(deadline, (ms) =>
          this.received === 0
            ? `${endpoint} accepted the connection but sent nothing within ${ms} ms`
            : `${endpoint} stopped answering; the probe gave up after ${ms} ms`,
        ),
      );
      socket.destroy();
    });
  }

  private readonly onData = (chunk: Buffer) => {
    this.buffered.push(chunk);
    this.length += chunk.length;
    this.received += chunk.length;
    this.notify();
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.notify();
  };
  private readonly onError = (err: NodeJS.ErrnoException) => {
    // After the peer's FIN, a reset is only the kernel answering our late write to a closed
    // socket: the peer closed, it did not reset.
    if (this.ended && (err.code === "ECONNRESET" || err.code === "EPIPE")) return this.notify();
    this.fail(socketErrorFailure(err, this.endpoint));
  };

  private fail(failure: ConnectionFailure) {
    this.failure ??= failure;
    this.notify();
  }

  private notify() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private take(n: number): Buffer {
    const all = this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered, this.length);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.buffered = rest.length ? [rest] : [];
    this.length = rest.length;
    return out;
  }

  /** Everything received but not yet read (without waiting). */
  peek(): Buffer {
    return this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered, this.length);
  }

  /** Waits for more bytes; throws once the connection can deliver no more. */
  private async waitMore(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.ended) {
      throw new ConnectionFailure(
        "closed",
        this.received === 0
          ? `${this.endpoint} closed the connection without answering`
          : `${this.endpoint} closed the connection in the middle of its answer`,
      );
    }
    await new Promise<void>((resolve) => (this.wake = resolve));
  }

  async read(n: number): Promise<Buffer> {
    while (this.length < n) await this.waitMore();
    return this.take(n);
  }

  /** Reads up to and including the next LF. */
  async readLine(maxLength: number): Promise<string> {
    for (;;) {
      const lf = this.peek().indexOf(0x0a);
      if (lf >= 0) return this.take(lf + 1).toString("latin1");
      if (this.length > maxLength) {
        throw new ConnectionFailure("starttls_failed", `${this.endpoint} sent a line longer than ${maxLength} bytes`);
      }
      await this.waitMore();
    }
  }

  /** Stops listening (e.g. before handing the socket to Node's TLS). Returns unread bytes. */
  release(): Buffer {
    // Removing the 'data' listener does not stop a flowing stream; pause so no byte is lost.
    this.socket.pause();
    this.socket.removeListener("data", this.onData);
    this.socket.removeListener("end", this.onEnd);
    this.socket.removeListener("error", this.onError);
    this.socket.removeListener("close", this.onEnd);
    this.unregister();
    const rest = this.peek();
    this.buffered = [];
    this.length = 0;
    return rest;
  }
}
