import "server-only";
import { env } from "@/lib/env";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The client's address for throttling. Forwarded headers are only believed behind a proxy the
 * operator vouches for (TRUST_PROXY=true): otherwise anyone could rotate them to dodge the limit,
 * and the per-account limit still applies. Next's own server fills x-forwarded-for from the socket.
 */
export function clientAddress(headers: HeaderBag): string | null {
  const forwarded = header(headers, "x-forwarded-for");
  if (!forwarded) return null;
  const parts = forwarded.split(",").map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  // Each proxy appends the address it saw, so the last entry is the one the nearest proxy (or
  // Next's own server) recorded; with a trusted proxy in front, the first entry is the client.
  return env().TRUST_PROXY ? parts[0] : parts[parts.length - 1];
}
