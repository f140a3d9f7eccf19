import { cidrContains, embeddedIpv4, formatIp, parseCidr, parseIp, type Cidr, type IpAddress } from "./ip";
import type { TargetPolicy } from "./types";

/**
 * Loopback, RFC 1918, CGNAT and ULA ranges: what `--allow-private` (or an admin's "allow internal
 * endpoints") permits. Internal endpoints are the common case for a readiness inventory, but a
 * probe that can reach them is also an SSRF tool, so they are opt-in.
 */
export const PRIVATE_DEFAULTS: string[] = [
  "127.0.0.0/8",
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "::1/128",
  "fc00::/7",
];

interface Rule {
  cidr: Cidr;
  what: string;
}

const rules = (list: [string, string][]): Rule[] => list.map(([c, what]) => ({ cidr: parseCidr(c), what }));

// Never reachable by a probe, whatever the allow-list says: these are either the machine itself in
// disguise, cloud metadata services (credentials), or addresses no TLS endpoint lives at.
// Order matters: the most specific explanation comes first.
const ALWAYS_BLOCKED: Rule[] = rules([
  ["169.254.169.254/32", "a cloud metadata address"],
  ["fd00:ec2::254/128", "a cloud metadata address"],
  ["100.100.100.200/32", "a cloud metadata address"],
  ["0.0.0.0/8", "an unspecified (\"this network\") address"],
  ["::/128", "the unspecified address"],
  ["169.254.0.0/16", "a link-local address"],
  ["fe80::/10", "a link-local address"],
  ["224.0.0.0/4", "a multicast address"],
  ["ff00::/8", "a multicast address"],
  ["255.255.255.255/32", "the broadcast address"],
  ["240.0.0.0/4", "a reserved (class E) address"],
]);

// Reachable only where the policy allows them.
const PRIVATE: Rule[] = rules([
  ["127.0.0.0/8", "the loopback range"],
  ["::1/128", "the loopback range"],
  ["10.0.0.0/8", "a private range"],
  ["172.16.0.0/12", "a private range"],
  ["192.168.0.0/16", "a private range"],
  ["100.64.0.0/10", "the shared (CGNAT) range"],
  ["fc00::/7", "a private (unique local) range"],
]);

export type AddressCheck = { allowed: true } | { allowed: false; reason: string };

/** Throws an Error naming the first entry that is not a CIDR range (for settings forms and env). */
export function parseAllowedRanges(ranges: string[]): Cidr[] {
  return ranges.map((r) => parseCidr(r));
}

// Parsed once per policy object and list (a bulk run passes the same policy thousands of times).
const parsedPolicies = new WeakMap<TargetPolicy, { source: string[]; copy: string[]; cidrs: Cidr[] }>();
/** The policy's ranges, parsed; throws on an invalid entry. */
export function allowedCidrs(policy: TargetPolicy): Cidr[] {
  const cached = parsedPolicies.get(policy);
  const ranges = policy.allowedRanges;
  // Re-parse if the caller swapped or edited the list since.
  if (cached && cached.source === ranges && cached.copy.length === ranges.length && cached.copy.every((r, i) => r === ranges[i])) {
    return cached.cidrs;
  }
  const cidrs = parseAllowedRanges(ranges);
  parsedPolicies.set(policy, { source: ranges, copy: [...ranges], cidrs });
  return cidrs;
}

/**
 * May a probe connect to this address? Always-blocked classes win over the allow-list; private
 * ranges need an allow-list entry covering the address; everything else (public) is allowed.
 * IPv4-mapped (and NAT64) IPv6 addresses are judged as the IPv4 address they reach.
 * Throws if the policy itself contains an invalid range (a configuration error, not a verdict).
 * `never` ends the reason for an always-blocked address (another user of the policy names itself).
 */
export function checkAddress(address: string, policy: TargetPolicy, never = "probes may never connect to it"): AddressCheck {
  const parsed = parseIp(address);
  if (!parsed) return { allowed: false, reason: `"${address}" is not an IP address` };
  const ip: IpAddress = embeddedIpv4(parsed) ?? parsed;
  const shown = ip === parsed ? formatIp(ip) : `${formatIp(parsed)} (IPv4 ${formatIp(ip)})`;
  const allowList = allowedCidrs(policy);

  const blocked = ALWAYS_BLOCKED.find((r) => cidrContains(r.cidr, ip));
  if (blocked) return { allowed: false, reason: `${shown} is ${blocked.what}; ${never}` };

  const privateRule = PRIVATE.find((r) => cidrContains(r.cidr, ip));
  if (privateRule && !allowList.some((c) => cidrContains(c, ip))) {
    return {
      allowed: false,
      reason:
        `${shown} is in ${privateRule.what} (${privateRule.cidr.text}) that the target policy does not allow; ` +
        `an admin can allow it in Settings`,
    };
  }
  return { allowed: true };
}
