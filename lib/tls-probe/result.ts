import type { ConnectionFailureKind } from "./connection";
import type { Attempts } from "./detect";
import type { FailedAttempt } from "./outcome";
import type { FloorCheck, ProbeError, ProbeErrorKind, ProbeResult, ProtocolResult } from "./types";
import { compareVersions, displayVersion, TLS_VERSIONS, type TlsVersionName } from "./versions";

export function emptyTimings(): ProbeResult["timings"] {
  return {
    dnsMs: null,
    perVersion: { TLSv1: null, "TLSv1.1": null, "TLSv1.2": null, "TLSv1.3": null },
    certificateMs: null,
  };
}

export function notTested(kind: ProbeErrorKind): Record<TlsVersionName, ProtocolResult> {
  const entry: ProtocolResult = { supported: false, reason: `not tested: ${kind}` };
  return { TLSv1: entry, "TLSv1.1": entry, "TLSv1.2": entry, "TLSv1.3": entry };
}

export function protocolsFrom(attempts: Attempts): Record<TlsVersionName, ProtocolResult> {
  const out = {} as Record<TlsVersionName, ProtocolResult>;
  for (const v of TLS_VERSIONS) {
    const a = attempts[v];
    out[v] = a.supported ? { supported: true, cipher: a.cipher } : { supported: false, reason: a.reason };
  }
  return out;
}

// When no attempt reached TLS, the kind reported is the most specific thing seen: a STARTTLS
// refusal or a non-TLS answer explains more than a reset, a reset more than a silent timeout.
const PRIORITY: ConnectionFailureKind[] = ["aborted", "starttls_failed", "not_tls", "reset", "closed", "refused", "timeout"];

/**
 * The target-level error when no version completed: handshake_failed if the server spoke TLS
 * to any attempt (its per-version reasons stay as evidence), else the connection-level kind.
 */
export function targetError(attempts: Attempts, endpoint: string, sniSent: boolean): ProbeError {
  const failed = TLS_VERSIONS.map((v) => attempts[v] as FailedAttempt);
  const aborted = failed.find((a) => a.failure === "aborted");
  if (aborted) return { kind: "aborted", message: aborted.message };
  const tlsAnswers = failed.filter((a) => a.category !== "connection");
  if (tlsAnswers.length > 0) {
    const details = failed.map((a) => `${displayVersion(a.version)} ${a.reason}`).join("; ");
    const sniHint = !sniSent && tlsAnswers.some((a) => /unrecognized_name|handshake_failure/.test(a.reason));
    const hint = sniHint ? " (no SNI name was sent; the server may require one: set one)" : "";
    return { kind: "handshake_failed", message: `${endpoint} speaks TLS but accepted none of the versions offered: ${details}${hint}` };
  }
  for (const kind of PRIORITY) {
    const hit = failed.find((a) => a.failure === kind);
    if (hit) return { kind, message: hit.message };
  }
  return { kind: "handshake_failed", message: `${endpoint}: no version could be tested` };
}

export function floorCheckFor(attempts: Attempts | null, floor: TlsVersionName): FloorCheck {
  if (!attempts) return { floor, meetsFloor: false, acceptsBelowFloor: false };
  // Only a completed real handshake proves the floor; hello evidence is informational.
  const meetsFloor = TLS_VERSIONS.some((v) => {
    const a = attempts[v];
    return compareVersions(v, floor) >= 0 && a.supported && a.method === "handshake";
  });
  const acceptsBelowFloor = TLS_VERSIONS.some((v) => compareVersions(v, floor) < 0 && attempts[v].supported);
  return { floor, meetsFloor, acceptsBelowFloor };
}
