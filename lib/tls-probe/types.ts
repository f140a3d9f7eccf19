import type { TlsVersionName } from "./versions";

export type { TlsVersionName } from "./versions";

export interface ProbeTarget {
  host: string;
  port: number;
  /** SNI name to send. Undefined: the host (unless it is an IP literal). null: send none. */
  sni?: string | null;
  starttls?: "none" | "smtp";
}

export interface TargetPolicy {
  /** CIDRs of loopback/private ranges the admin allows, e.g. ["127.0.0.0/8", "::1/128"]. */
  allowedRanges: string[];
}

export interface ProbeOptions {
  /** One deadline for the whole probe of a target, DNS and STARTTLS included. Default 5000. */
  timeoutMs?: number;
  /** The minimum version an endpoint must negotiate to be ready. Default TLSv1.1. */
  floor?: TlsVersionName;
  policy: TargetPolicy;
  /** Extra PEM CA certificates trusted in addition to Node's root store. */
  caBundle?: string;
  signal?: AbortSignal;
  /**
   * "auto" (default): one real handshake at TLS 1.3, hand-built hellos for the older versions,
   * then a real handshake at the best version found (see docs/decisions/0002).
   * "handshake": a real Node TLS handshake for every version (slower, used to cross-check).
   */
  method?: "auto" | "handshake";
}

export type ProtocolResult = { supported: true; cipher: string } | { supported: false; reason: string };

export interface CertificateInfo {
  subject: string;
  issuer: string;
  sans: string[];
  notBefore: string;
  notAfter: string;
  expired: boolean;
  notYetValid: boolean;
  selfSigned: boolean;
  trusted: boolean;
  hostnameMatches: boolean;
  chainComplete: boolean;
  keyType: string;
  keyBits: number | null;
  signatureAlgorithm: string;
  chainLength: number;
  fingerprintSha256: string;
}

export type ProbeErrorKind =
  | "dns"
  | "refused"
  | "timeout"
  | "reset"
  | "closed"
  | "not_tls"
  | "handshake_failed"
  | "starttls_failed"
  | "blocked_by_policy"
  /** The caller's AbortSignal fired before the probe finished. */
  | "aborted";

export interface ProbeError {
  kind: ProbeErrorKind;
  message: string;
}

/**
 * The probe's own check against the floor it was given: a real handshake at the floor or newer
 * completed (meetsFloor); something older is still accepted (acceptsBelowFloor, informational).
 * Not the readiness verdict, which also weighs the certificate, the status and declarations
 * (lib/readiness/verdict.ts). The CLI's JSON names it "verdict" (see probeResultJson).
 */
export interface FloorCheck {
  floor: TlsVersionName;
  meetsFloor: boolean;
  acceptsBelowFloor: boolean;
}

export interface ProbeResult {
  target: {
    host: string;
    port: number;
    /** The SNI name sent, null when none was sent. */
    sni: string | null;
    /** The one address every connection went to; null when the name did not resolve. */
    address: string | null;
    starttls: "none" | "smtp";
  };
  protocols: Record<TlsVersionName, ProtocolResult>;
  certificate: CertificateInfo | null;
  error: ProbeError | null;
  floorCheck: FloorCheck;
  timings: {
    dnsMs: number | null;
    /** Milliseconds each version's attempt took (connect, STARTTLS and TLS); null when not tried. */
    perVersion: Record<TlsVersionName, number | null>;
    /** The full handshake whose certificate is reported. */
    certificateMs: number | null;
  };
  durationMs: number;
  startedAt: string;
}
