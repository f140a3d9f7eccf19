// TLS versions as the database stores them (enum names, which cannot hold a dot) next to the
// names TLS and the probe use. The names and their order live in lib/tls-probe/versions.ts.
import { TLS_VERSIONS, displayVersion, type TlsVersionName } from "@/lib/tls-probe/versions";

export { TLS_VERSIONS, type TlsVersionName };
export type TlsVersionEnum = "TLSv1" | "TLSv1_1" | "TLSv1_2" | "TLSv1_3";

export function toEnum(v: TlsVersionName): TlsVersionEnum {
  return v.replace(".", "_") as TlsVersionEnum;
}

export function fromEnum(v: TlsVersionEnum): TlsVersionName {
  return v.replace("_", ".") as TlsVersionName;
}

/** "TLS 1.1" for people; TLSv1 is TLS 1.0. Accepts either spelling. */
export function tlsLabel(v: TlsVersionName | TlsVersionEnum): string {
  return displayVersion(v.includes("_") ? fromEnum(v as TlsVersionEnum) : (v as TlsVersionName));
}
