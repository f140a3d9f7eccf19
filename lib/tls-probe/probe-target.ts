import net from "node:net";
import { describeCertificate } from "./certificate";
import type { AttemptContext } from "./channel";
import { endpointLabel, SocketSet } from "./connection";
import { Deadline } from "./deadline";
import { detectAllByHandshake, detectAuto } from "./detect";
import { allowedCidrs, checkAddress } from "./policy";
import { resolveOnce } from "./resolve";
import { emptyTimings, notTested, protocolsFrom, targetError, floorCheckFor } from "./result";
import { validateHostName } from "./target-spec";
import { anchorsFor } from "./trust";
import type { ProbeError, ProbeOptions, ProbeResult, ProbeTarget } from "./types";
import { DEFAULT_FLOOR, isTlsVersionName, TLS_VERSIONS } from "./versions";

export const DEFAULT_TIMEOUT_MS = 5000;
/** Longer than any probe needs, and within what a Node timer can hold. */
export const MAX_TIMEOUT_MS = 3_600_000;

/** Programming and configuration errors are thrown (rejected); network outcomes never are. */
export function validateProbeInput(target: ProbeTarget, opts: ProbeOptions): void {
  if (!target || typeof target.host !== "string") throw new TypeError("probe target: host must be a string");
  validateHostName(target.host.replace(/^\[(.*)\]$/, "$1"));
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new TypeError(`probe target ${target.host}: port ${target.port} is not an integer from 1 to 65535`);
  }
  if (target.starttls !== undefined && target.starttls !== "none" && target.starttls !== "smtp") {
    throw new TypeError(`probe target ${target.host}: starttls must be "none" or "smtp"`);
  }
  if (target.sni != null) validateHostName(target.sni, "SNI name");
  if (opts.timeoutMs !== undefined && !(Number.isFinite(opts.timeoutMs) && opts.timeoutMs > 0 && opts.timeoutMs <= MAX_TIMEOUT_MS)) {
    throw new TypeError(`timeoutMs must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not ${opts.timeoutMs}`);
  }
  if (opts.floor !== undefined && !isTlsVersionName(opts.floor)) {
    throw new TypeError(`floor must be one of ${TLS_VERSIONS.join(", ")}, not ${String(opts.floor)}`);
  }
  if (!opts.policy || !Array.isArray(opts.policy.allowedRanges)) throw new TypeError("policy.allowedRanges must be an array of CIDRs");
  allowedCidrs(opts.policy);
  if (opts.caBundle) anchorsFor(opts.caBundle);
}

/**
 * Probes one endpoint: which of TLS 1.0-1.3 it accepts, its certificate, a check against the
 * floor. Resolves within the timeout (plus a little bookkeeping) whatever the server does, and
 * leaves no socket or timer behind.
 */
export async function probeTarget(target: ProbeTarget, opts: ProbeOptions): Promise<ProbeResult> {
  validateProbeInput(target, opts);
  const floor = opts.floor ?? DEFAULT_FLOOR;
  const host = validateHostName(target.host.replace(/^\[(.*)\]$/, "$1"));
  const starttls = target.starttls ?? "none";
  // Default SNI is the host name; an IP literal is never sent as SNI (RFC 6066).
  const sniName = target.sni === undefined ? host : target.sni === null ? null : validateHostName(target.sni, "SNI name");
  // RFC 6066: SNI carries the name without a trailing dot.
  const sni = sniName && !net.isIP(sniName) ? sniName.replace(/\.$/, "") : null;
  const startedAt = new Date();
  const deadline = new Deadline(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, opts.signal);
  const sockets = new SocketSet();
  const timings = emptyTimings();

  const finish = (partial: Pick<ProbeResult, "protocols" | "certificate" | "error" | "floorCheck">, address: string | null): ProbeResult => ({
    target: { host, port: target.port, sni, address, starttls },
    ...partial,
    timings,
    durationMs: Date.now() - startedAt.getTime(),
    startedAt: startedAt.toISOString(),
  });
  const failed = (error: ProbeError, address: string | null) =>
    finish({ protocols: notTested(error.kind), certificate: null, error, floorCheck: floorCheckFor(null, floor) }, address);

  try {
    const resolution = await resolveOnce(host, deadline);
    timings.dnsMs = deadline.elapsed();
    if ("error" in resolution) {
      return failed({ kind: deadline.cause === "aborted" ? "aborted" : "dns", message: resolution.error }, null);
    }
    const { address } = resolution;
    const check = checkAddress(address, opts.policy);
    if (!check.allowed) {
      const message = address === host ? check.reason : `${host} resolves to ${address}: ${check.reason}`;
      return failed({ kind: "blocked_by_policy", message }, address);
    }

    const ctx: AttemptContext = { address, port: target.port, endpoint: endpointLabel(address, target.port), sni, starttls, deadline, sockets };
    const { attempts, certificateFrom } = opts.method === "handshake" ? await detectAllByHandshake(ctx) : await detectAuto(ctx);
    for (const v of TLS_VERSIONS) timings.perVersion[v] = attempts[v].ms;

    if (!TLS_VERSIONS.some((v) => attempts[v].supported)) {
      const error = targetError(attempts, ctx.endpoint, sni !== null);
      const protocols = error.kind === "handshake_failed" ? protocolsFrom(attempts) : notTested(error.kind);
      return finish({ protocols, certificate: null, error, floorCheck: floorCheckFor(null, floor) }, address);
    }
    let certificate = null;
    if (certificateFrom?.peer) {
      timings.certificateMs = certificateFrom.ms;
      certificate = describeCertificate(certificateFrom.peer, sni ?? host, opts.caBundle);
    }
    const aborted = deadline.cause === "aborted" ? { kind: "aborted" as const, message: "the probe was cancelled before it finished" } : null;
    return finish({ protocols: protocolsFrom(attempts), certificate, error: aborted, floorCheck: floorCheckFor(attempts, floor) }, address);
  } finally {
    deadline.dispose();
    sockets.destroyAll();
  }
}
