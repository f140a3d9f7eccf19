import type { X509Certificate } from "node:crypto";
import { ConnectionFailure, type ConnectionFailureKind } from "./connection";
import type { TlsVersionName } from "./versions";

/** What the server's certificate message held, as seen by a completed real handshake. */
export interface PeerCertificates {
  /** From the leaf up, as Node links them (the certificates the server sent, in chain order). */
  chain: X509Certificate[];
}

export type Attempt =
  | {
      supported: true;
      version: TlsVersionName;
      cipher: string;
      /** "handshake": Node's TLS completed a full handshake. "hello": the server accepted a hand-built hello. */
      method: "hello" | "handshake";
      ms: number;
      peer?: PeerCertificates;
    }
  | {
      supported: false;
      version: TlsVersionName;
      method: "hello" | "handshake";
      /** The server answered in TLS (version_refused, no_shared_cipher, tls_rejected) or not (connection). */
      category: "version_refused" | "no_shared_cipher" | "tls_rejected" | "connection";
      failure?: ConnectionFailureKind;
      /** Short, for the per-version table: starts with refused / no shared cipher / rejected / connection failed. */
      reason: string;
      /** A full sentence for error messages. */
      message: string;
      ms: number;
    };

export type FailedAttempt = Extract<Attempt, { supported: false }>;

export const ALERTS: Record<number, string> = {
  0: "close_notify",
  10: "unexpected_message",
  20: "bad_record_mac",
  21: "decryption_failed",
  22: "record_overflow",
  30: "decompression_failure",
  40: "handshake_failure",
  41: "no_certificate",
  42: "bad_certificate",
  43: "unsupported_certificate",
  44: "certificate_revoked",
  45: "certificate_expired",
  46: "certificate_unknown",
  47: "illegal_parameter",
  48: "unknown_ca",
  49: "access_denied",
  50: "decode_error",
  51: "decrypt_error",
  60: "export_restriction",
  70: "protocol_version",
  71: "insufficient_security",
  80: "internal_error",
  86: "inappropriate_fallback",
  90: "user_canceled",
  100: "no_renegotiation",
  109: "missing_extension",
  110: "unsupported_extension",
  112: "unrecognized_name",
  113: "bad_certificate_status_response",
  115: "unknown_psk_identity",
  116: "certificate_required",
  120: "no_application_protocol",
};

export function alertName(code: number): string {
  return ALERTS[code] ?? `alert ${code}`;
}

type Base = { version: TlsVersionName; method: "hello" | "handshake"; ms: number };

/** The server answered our offer of `version` with a fatal alert. */
export function fromAlert(base: Base, code: number, endpoint: string): FailedAttempt {
  const name = alertName(code);
  if (code === 70 || code === 86) {
    return {
      ...base,
      supported: false,
      category: "version_refused",
      reason: `refused by the server (${name} alert)`,
      message: `${endpoint} refused the version (${name} alert)`,
    };
  }
  if (code === 40 || code === 71) {
    return {
      ...base,
      supported: false,
      category: "no_shared_cipher",
      reason: `no shared cipher (${name} alert)`,
      message: `${endpoint} found no cipher suite in common (${name} alert)`,
    };
  }
  return {
    ...base,
    supported: false,
    category: "tls_rejected",
    reason: `rejected by the server (${name} alert)`,
    message: `${endpoint} aborted the handshake with a ${name} alert`,
  };
}

export function fromConnectionFailure(base: Base, failure: ConnectionFailure): FailedAttempt {
  const short: Record<ConnectionFailureKind, string> = {
    refused: "connection refused",
    timeout: "no answer before the timeout",
    reset: "reset by the server",
    closed: "closed by the server without completing the handshake",
    not_tls: "the server's answer is not TLS",
    starttls_failed: "STARTTLS failed",
    aborted: "cancelled",
  };
  return {
    ...base,
    supported: false,
    category: "connection",
    failure: failure.kind,
    reason: `connection failed: ${short[failure.kind]}`,
    message: failure.message,
  };
}

export function tlsRejected(base: Base, detail: string, endpoint: string): FailedAttempt {
  return {
    ...base,
    supported: false,
    category: "tls_rejected",
    reason: `rejected by the server (${detail})`,
    message: `${endpoint}: ${detail}`,
  };
}

export function versionRefused(base: Base, detail: string, endpoint: string): FailedAttempt {
  return {
    ...base,
    supported: false,
    category: "version_refused",
    reason: `refused by the server (${detail})`,
    message: `${endpoint} refused the version: ${detail}`,
  };
}
