// TLS protocol versions as the probe names them (Node's names, so they match getProtocol()).
export const TLS_VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const;
export type TlsVersionName = (typeof TLS_VERSIONS)[number];

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

export function versionFromCode(code: number): TlsVersionName | null {
  for (const name of TLS_VERSIONS) if (VERSION_CODES[name] === code) return name;
  return null;
}
