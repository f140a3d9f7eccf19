// TLS protocol versions as the database stores them (enum names) and as TLS names them.
export const TLS_VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const;
export type TlsVersionName = (typeof TLS_VERSIONS)[number];
export type TlsVersionEnum = "TLSv1" | "TLSv1_1" | "TLSv1_2" | "TLSv1_3";

export function toEnum(v: TlsVersionName): TlsVersionEnum {
  return v.replace(".", "_") as TlsVersionEnum;
}

export function fromEnum(v: TlsVersionEnum): TlsVersionName {
  return v.replace("_", ".") as TlsVersionName;
}

/** "TLS 1.1" for people; TLSv1 is TLS 1.0. */
export function tlsLabel(v: TlsVersionName | TlsVersionEnum): string {
  const name = v.includes("_") ? fromEnum(v as TlsVersionEnum) : (v as TlsVersionName);
  return name === "TLSv1" ? "TLS 1.0" : name.replace("TLSv", "TLS ");
}

export function versionRank(v: TlsVersionName): number {
  return TLS_VERSIONS.indexOf(v);
}
