import "server-only";
import net from "node:net";
import { checkAddress, Deadline, resolveOnce, type TargetPolicy } from "@/lib/tls-probe";
import { probeConfig } from "@/lib/probes/settings";

// Where a webhook may be sent: the probe target policy applies to webhook URLs as it does to probe
// targets, since a webhook is the server making a request an admin chose the address of (an SSRF
// tool otherwise: cloud metadata, the database's host, internal admin pages). The name is resolved
// once and the request goes to that checked address (no second lookup a DNS server could answer
// differently).

const LOOKUP_TIMEOUT_MS = 5000;

export type WebhookAddress =
  | { ok: true; address: string; family: 4 | 6 }
  /** The policy forbids the address: sending again will not help until an admin allows the range. */
  | { ok: false; refused: true; reason: string }
  /** DNS did not give an address (yet). */
  | { ok: false; refused: false; reason: string };

/** The address a webhook URL's host resolves to, checked against `policy`. */
export async function webhookAddress(url: string, policy: TargetPolicy): Promise<WebhookAddress> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  const deadline = new Deadline(LOOKUP_TIMEOUT_MS);
  try {
    const resolution = await resolveOnce(host, deadline);
    if ("error" in resolution) return { ok: false, refused: false, reason: resolution.error };
    const { address } = resolution;
    // An address no probe may reach is one nothing may reach: said so for a webhook.
    const check = checkAddress(address, policy, "nothing may connect to it");
    if (!check.allowed) {
      const where = address === host ? check.reason : `${host} resolves to ${address}: ${check.reason}`;
      return { ok: false, refused: true, reason: `${where} (the probe target policy applies to webhooks too)` };
    }
    return { ok: true, address, family: net.isIPv6(address) ? 6 : 4 };
  } finally {
    deadline.dispose();
  }
}

/** The target policy in force now (the operator's env and the admin's settings), as probes use it. */
export async function webhookPolicy(): Promise<TargetPolicy> {
  return (await probeConfig()).policy;
}
