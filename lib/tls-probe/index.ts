// The TLS handshake probe: framework-free, no database, no Next.js. See
// docs/decisions/0002-probe-version-detection.md for how version detection works.
export type {
  CertificateInfo,
  FloorCheck,
  ProbeError,
  ProbeErrorKind,
  ProbeOptions,
  ProbeResult,
  ProbeTarget,
  ProtocolResult,
  TargetPolicy,
  TlsVersionName,
} from "./types";
export { TLS_VERSIONS, DEFAULT_FLOOR, compareVersions, displayVersion, isTlsVersionName } from "./versions";
export { probeTarget, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from "./probe-target";
export { probeMany, DEFAULT_CONCURRENCY } from "./probe-many";
export { checkAddress, parseAllowedRanges, PRIVATE_DEFAULTS, type AddressCheck } from "./policy";
export { resolveOnce } from "./resolve";
export { Deadline } from "./deadline";
export { parseTargetSpec, parseTargetLine, validateSniName, DEFAULT_PORT, DEFAULT_SMTP_PORT } from "./target-spec";
export { diffProbeResults } from "./diff";
export { parsePemBundle } from "./trust";
export { formatProbeReport, probeResultJson } from "./format";
