import net from "node:net";
import { domainToASCII } from "node:url";
import type { ProbeTarget } from "./types";

export const DEFAULT_PORT = 443;
export const DEFAULT_SMTP_PORT = 25;

// RFC 1123 host names; underscores are tolerated because real internal names contain them.
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/**
 * Throws an Error naming what is wrong, or returns the host: IP literals unchanged, names in
 * their ASCII form (an internationalised name becomes its punycode, which is what DNS and SNI carry).
 */
export function validateHostName(host: string, what = "host"): string {
  if (host === "") throw new Error(`${what} is empty`);
  if (net.isIP(host)) return host;
  if (/[^\x00-\x7f]/.test(host)) {
    const ascii = domainToASCII(host);
    if (!ascii) throw new Error(`${what} "${host}" is not a valid internationalised host name`);
    host = ascii;
  }
  if (host.length > 253) throw new Error(`${what} "${host.slice(0, 40)}…" is longer than 253 characters`);
  const labels = host.replace(/\.$/, "").split(".");
  for (const label of labels) {
    if (!LABEL.test(label)) {
      throw new Error(
        label === ""
          ? `${what} "${host}" has an empty label (two dots in a row?)`
          : `${what} "${host}" is not a valid host name (bad label "${label}")`,
      );
    }
  }
  return host;
}

function parsePort(text: string, spec: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new Error(`"${spec}": port "${text}" is not a number from 1 to 65535`);
  }
  return Number(text);
}

/**
 * "host", "host:port", "[v6]" or "[v6]:port" (a bare IPv6 address is accepted without a port).
 * The default port is 443 (pass another for protocols with a different one, e.g. 25 for SMTP).
 */
export function parseTargetSpec(spec: string, defaultPort = DEFAULT_PORT): ProbeTarget {
  const text = spec.trim();
  if (text === "") throw new Error("target is empty: expected host[:port]");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new Error(`"${spec}" looks like a URL: give host[:port], e.g. "${text.replace(/^[a-z0-9+.-]*:\/\//i, "").split("/")[0]}"`);
  }
  if (/[\s/]/.test(text)) throw new Error(`"${spec}" is not host[:port]: it contains a space or a slash`);

  if (text.startsWith("[")) {
    const m = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
    if (!m) throw new Error(`"${spec}": a bracketed IPv6 address must look like [2001:db8::1]:443`);
    if (net.isIPv6(m[1]) === false) throw new Error(`"${spec}": "${m[1]}" inside brackets is not an IPv6 address`);
    return { host: m[1], port: m[2] === undefined ? defaultPort : parsePort(m[2], spec) };
  }
  if (net.isIPv6(text)) return { host: text, port: defaultPort };
  const colons = text.split(":").length - 1;
  if (colons > 1) throw new Error(`"${spec}": an IPv6 address with a port must be bracketed, e.g. [::1]:443`);
  const [host, portText] = colons === 1 ? text.split(":") : [text, undefined];
  return { host: validateHostName(host).toLowerCase(), port: portText === undefined ? defaultPort : parsePort(portText, spec) };
}

/**
 * One line of a targets file: `host[:port] [sni=NAME] [starttls=smtp]`. Returns null for blank
 * lines and # comments. With starttls=smtp and no port, the port is 25.
 */
export function parseTargetLine(line: string): ProbeTarget | null {
  const text = line.replace(/(^|\s)#.*$/, "").trim();
  if (text === "") return null;
  const [spec, ...options] = text.split(/\s+/);
  const target: ProbeTarget = { host: "", port: 0, starttls: "none" };
  for (const option of options) {
    const m = /^([a-z]+)=(.*)$/i.exec(option);
    if (!m) throw new Error(`"${option}" is not an option: expected sni=NAME or starttls=smtp`);
    const [, key, value] = m;
    if (key === "sni") {
      if (value === "" || value === "none") target.sni = null;
      else target.sni = validateSniName(value);
    } else if (key === "starttls") {
      if (value !== "smtp" && value !== "none") throw new Error(`starttls=${value}: only "smtp" is supported`);
      target.starttls = value;
    } else throw new Error(`unknown option "${key}": expected sni=NAME or starttls=smtp`);
  }
  const parsed = parseTargetSpec(spec, target.starttls === "smtp" ? DEFAULT_SMTP_PORT : DEFAULT_PORT);
  return { ...target, host: parsed.host, port: parsed.port };
}

/** An SNI name must be a DNS name (RFC 6066 forbids IP literals). */
export function validateSniName(name: string): string {
  if (net.isIP(name)) throw new Error(`SNI name "${name}" is an IP address; SNI carries host names only`);
  return validateHostName(name, "SNI name").toLowerCase();
}
