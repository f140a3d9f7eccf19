import "server-only";
import { formatIp, parseIp } from "@/lib/tls-probe/ip";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The client's address for sign-in throttling, as server.mjs determined it (the socket's peer, or
 * behind TRUST_PROXY the address the nearest proxy saw) and wrote over anything the request sent.
 * Under another server (`next dev`) there is no trustworthy address: null, and only the
 * per-account limit applies.
 */
export function clientAddress(headers: HeaderBag): string | null {
  if (process.env.TRB_CLIENT_ADDRESS_HEADER !== "1") return null;
  return header(headers, "x-trb-client-address") || null;
}

/** The address as the per-address limits count it: IPv4 as is, IPv6 by its /64. */
export function addressBucket(ip: string | null): string | null {
  if (!ip) return null;
  const parsed = parseIp(ip);
  if (!parsed) return ip.slice(0, 100);
  // IPv4 on a dual-stack socket arrives as ::ffff:a.b.c.d: the IPv4 address is what counts.
  if (parsed.family === 6 && parsed.value >> 32n === 0xffffn) return formatIp({ family: 4, value: parsed.value & 0xffffffffn });
  if (parsed.family === 4) return formatIp(parsed);
  return `${formatIp({ family: 6, value: (parsed.value >> 64n) << 64n })}/64`;
}
