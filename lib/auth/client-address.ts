import "server-only";

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
