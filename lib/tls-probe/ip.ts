import net from "node:net";

// IP addresses as numbers, so that range checks are exact arithmetic rather than string tricks.
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
  /** As written by the person who configured it (normalised), for messages. */
  text: string;
}

/** Parses an IPv4 or IPv6 literal (an IPv6 zone id such as %eth0 is ignored). Null if not an IP. */
export function parseIp(input: string): IpAddress | null {
  const text = input.trim().replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const family = net.isIP(text);
  if (family === 4) return { family: 4, value: parseV4(text) };
  if (family === 6) return { family: 6, value: parseV6(text) };
  return null;
}

function parseV4(text: string): bigint {
  const [a, b, c, d] = text.split(".").map(Number);
  return BigInt(((a << 24) >>> 0) + (b << 16) + (c << 8) + d);
}

function parseV6(text: string): bigint {
  let groups: number[] = [];
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const toGroups = (part: string): number[] => {
    if (part === "") return [];
    const out: number[] = [];
    for (const piece of part.split(":")) {
      if (piece.includes(".")) {
        // Embedded dotted IPv4 (e.g. ::ffff:1.2.3.4) fills the last two groups.
        const v4 = Number(parseV4(piece));
        out.push(v4 >>> 16, v4 & 0xffff);
      } else out.push(parseInt(piece, 16));
    }
    return out;
  };
  const left = toGroups(head);
  if (tail === null) groups = left;
  else {
    const right = toGroups(tail);
    groups = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    const v = Number(ip.value);
    return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (length >= 2) of zero groups.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

/** Parses "10.0.0.0/8", "::1/128", or a bare address (a single-address range). Throws on bad input. */
export function parseCidr(input: string): Cidr {
  const text = input.trim();
  const slash = text.lastIndexOf("/");
  const addrText = slash >= 0 ? text.slice(0, slash) : text;
  const ip = parseIp(addrText);
  if (!ip) throw new Error(`"${input}" is not a CIDR range: "${addrText}" is not an IP address`);
  const bits = ip.family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) {
      throw new Error(`"${input}" is not a CIDR range: the prefix length must be 0-${bits}`);
    }
    prefix = Number(p);
  }
  // An IPv4-mapped IPv6 range (::ffff:a.b.c.d/96+) means that IPv4 range: addresses are judged as IPv4.
  const embedded = ip.family === 6 && prefix >= 96 ? embeddedIpv4(ip) : null;
  if (embedded) return makeCidr(4, embedded.value, prefix - 96);
  return makeCidr(ip.family, ip.value, prefix);
}

function makeCidr(family: 4 | 6, value: bigint, prefix: number): Cidr {
  const bits = family === 4 ? 32 : 128;
  const base = prefix === 0 ? 0n : (value >> BigInt(bits - prefix)) << BigInt(bits - prefix);
  return { family, base, prefix, text: `${formatIp({ family, value: base })}/${prefix}` };
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  const shift = BigInt((ip.family === 4 ? 32 : 128) - cidr.prefix);
  return ip.value >> shift === cidr.base >> shift;
}

const MAPPED = parseCidrRaw("::ffff:0:0", 96); // IPv4-mapped: the kernel connects to the IPv4 address
const NAT64 = parseCidrRaw("64:ff9b::", 96); // NAT64 well-known prefix: a gateway connects to the IPv4 address
const NAT64_LOCAL = parseCidrRaw("64:ff9b:1::", 48); // RFC 8215 local-use NAT64, here in its /96 form
const COMPAT = parseCidrRaw("::", 96); // deprecated IPv4-compatible form (:: and ::1 are handled first)
const SIX_TO_FOUR = parseCidrRaw("2002::", 16); // 6to4: 2002:AABB:CCDD::/48 is carried to IPv4 AA.BB.CC.DD
const TEREDO = parseCidrRaw("2001::", 32); // Teredo: the last 32 bits are the client's IPv4, inverted

function parseCidrRaw(address: string, prefix: number): Cidr {
  return makeCidr(6, parseV6(address), prefix);
}

/**
 * The IPv4 address an IPv6 address stands for, if it embeds one that the network would reach:
 * IPv4-mapped, NAT64 (well-known and local-use), IPv4-compatible, 6to4 and Teredo forms. Judging
 * these as IPv4 closes the obvious bypasses (::ffff:169.254.169.254 and 2002:a9fe:a9fe:: both
 * lead to the metadata service).
 */
export function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.family !== 6) return null;
  if (ip.value <= 1n) return null; // :: and ::1 are IPv6 addresses in their own right
  const v4 = (value: bigint): IpAddress => ({ family: 4, value: value & 0xffffffffn });
  if (cidrContains(MAPPED, ip) || cidrContains(NAT64, ip) || cidrContains(NAT64_LOCAL, ip) || cidrContains(COMPAT, ip)) {
    return v4(ip.value);
  }
  if (cidrContains(SIX_TO_FOUR, ip)) return v4(ip.value >> 80n);
  if (cidrContains(TEREDO, ip)) return v4(~ip.value);
  return null;
}
