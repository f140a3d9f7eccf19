// The one module of TLS version helpers: names (Node's, so they match getProtocol()), order,
// wire codes, the default floor, the spelling people read, and the spelling the database's
// TlsVersion enum uses. Framework-free, like the rest of lib/tls-probe.
export const TLS_VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const;
export type TlsVersionName = (typeof TLS_VERSIONS)[number];

/**
 * The floor when nobody chose one: Salesforce's TLS 1.0 disablement requires TLS 1.1 or newer.
 * The probe, the CLI and the readiness verdict (before any campaign exists) use it; the schema's
 * column default (prisma/schema.prisma) is the same value written in SQL.
 */
export const DEFAULT_FLOOR: TlsVersionName = "TLSv1.1";

/** Wire value of each version (ProtocolVersion in the RFCs). */
export const VERSION_CODES: Record<TlsVersionName, number> = {
  TLSv1: 0x0301,
  "TLSv1.1": 0x0302,
  "TLSv1.2": 0x0303,
  "TLSv1.3": 0x0304,
};

export function isTlsVersionName(value: unknown): value is TlsVersionName {
  return typeof value === "string" && (TLS_VERSIONS as readonly string[]).includes(value);
}

/** Negative when a is older than b. */
export function compareVersions(a: TlsVersionName, b: TlsVersionName): number {
  return TLS_VERSIONS.indexOf(a) - TLS_VERSIONS.indexOf(b);
}

/** "TLSv1" -> "TLS 1.0": the spelling people read in sentences and tables. */
export function displayVersion(version: TlsVersionName): string {
  return version === "TLSv1" ? "TLS 1.0" : version.replace("TLSv", "TLS ");
}

/** Names a wire version, including ones the probe never offers (SSL 3.0 and unknown values). */
export function describeVersionCode(code: number): string {
  for (const name of TLS_VERSIONS) if (VERSION_CODES[name] === code) return displayVersion(name);
  if (code === 0x0300) return "SSL 3.0";
  if (code === 0x0002) return "SSL 2.0";
  return `unknown version 0x${code.toString(16).padStart(4, "0")}`;
}

// The database's TlsVersion enum stores these names ("TLSv1.1"), but Prisma's identifiers for its
// values cannot hold a dot, so the Prisma client reads and writes "TLSv1_1". Raw SQL sees the
// names above; Prisma queries need these two conversions.
export type TlsVersionEnum = "TLSv1" | "TLSv1_1" | "TLSv1_2" | "TLSv1_3";

export function toEnum(v: TlsVersionName): TlsVersionEnum {
  return v.replace(".", "_") as TlsVersionEnum;
}

export function fromEnum(v: TlsVersionEnum): TlsVersionName {
  return v.replace("_", ".") as TlsVersionName;
}
