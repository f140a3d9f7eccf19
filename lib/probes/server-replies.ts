import type { ProbeResult } from "@/lib/tls-probe";

// When a service does not speak TLS, the probe quotes what it sent instead (an SSH, HTTP or SMTP
// banner: software and version) so an admin can see what is really listening. A member can point
// an integration at any public host and port, so for anyone without "probes.banners" that text is
// replaced: the probe must not become a way to read other people's banners. The probe library
// always puts the server's bytes in double quotes, after the endpoint (which cannot contain one),
// and its hints never contain one, so everything from the first quote to the last is the server's.
const QUOTED = /:? ?"[\s\S]*"/;
export const REPLY_HIDDEN = " (what it sent is shown to admins only)";

/** A probe message without the text the server sent. */
export function withoutServerReply(message: string): string {
  return message.replace(QUOTED, REPLY_HIDDEN);
}

/** A stored result as someone who may not read server replies sees it. */
export function withoutServerReplies(result: ProbeResult): ProbeResult {
  const protocols = Object.fromEntries(
    Object.entries(result.protocols).map(([v, p]) => [v, p.supported ? p : { ...p, reason: withoutServerReply(p.reason) }]),
  ) as ProbeResult["protocols"];
  return { ...result, protocols, error: result.error ? { ...result.error, message: withoutServerReply(result.error.message) } : null };
}
