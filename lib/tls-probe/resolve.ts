import dns from "node:dns";
import net from "node:net";
import type { Deadline } from "./deadline";

export type Resolution = { address: string } | { error: string };

function dnsMessage(host: string, err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case "ENOTFOUND":
      return `${host}: name not found (ENOTFOUND)`;
    case "ENODATA":
      return `${host}: the name exists but has no address records (ENODATA)`;
    case "EAI_AGAIN":
      return `${host}: temporary DNS failure (EAI_AGAIN); the resolver did not answer, try again later`;
    default:
      return `${host}: DNS lookup failed (${err.code ?? err.message})`;
  }
}

/**
 * Resolves the target ONCE; every connection then goes to this address (a second lookup per
 * connection would let a hostile DNS server swap a checked address for a forbidden one).
 * IPv4 is preferred when a name has both, as most scanners do, for the most predictable route.
 * getaddrinfo cannot be cancelled: on the deadline we stop waiting and let it finish unobserved.
 */
export function resolveOnce(host: string, deadline: Deadline): Promise<Resolution> {
  const literal = host.replace(/^\[(.*)\]$/, "$1");
  if (net.isIP(literal)) return Promise.resolve({ address: literal });
  return new Promise((resolve) => {
    const unregister = deadline.onExpire(() =>
      resolve({
        error:
          deadline.cause === "aborted"
            ? `${host}: the probe was cancelled during the DNS lookup`
            : `${host}: no answer from DNS within ${deadline.timeoutMs} ms`,
      }),
    );
    dns.lookup(host, { all: true, verbatim: true }, (err, addresses) => {
      unregister();
      if (err) return resolve({ error: dnsMessage(host, err) });
      const chosen = addresses.find((a) => a.family === 4) ?? addresses[0];
      if (!chosen || !net.isIP(chosen.address)) return resolve({ error: `${host}: the name has no address (ENODATA)` });
      resolve({ address: chosen.address });
    });
  });
}
