// The cipher suites the probe offers, with OpenSSL's names (the names Node's getCipher() reports,
// so hello-based and handshake-based results read the same).
//
// Order: OpenSSL's "DEFAULT@SECLEVEL=0" order first (so a server that follows the client's
// preference picks the same suite for a hand-built hello as for Node's real handshake), then the
// suites OpenSSL has but leaves out of DEFAULT, then legacy suites this OpenSSL cannot negotiate
// at all (3DES, RC4, SEED, IDEA): a hello offers those too, because an endpoint that accepts
// TLS 1.0 only with RC4 still accepts TLS 1.0 for the legacy clients this product is about.
// Anonymous, NULL, export, PSK and SRP suites are never offered: no real client uses them.

export interface CipherSuite {
  code: number;
  name: string;
  /** AEAD or SHA-2 suites exist only from TLS 1.2 on; offering them in an older hello is invalid. */
  tls12Only: boolean;
  /** This OpenSSL can negotiate it, so Node's real handshakes offer it too. */
  openssl: boolean;
}

// code name [flags: 2 = TLS 1.2+, L = legacy (not in this OpenSSL)]
const TABLE = `
1302 TLS_AES_256_GCM_SHA384 3
1303 TLS_CHACHA20_POLY1305_SHA256 3
1301 TLS_AES_128_GCM_SHA256 3
1304 TLS_AES_128_CCM_SHA256 3
1305 TLS_AES_128_CCM_8_SHA256 3
C02C ECDHE-ECDSA-AES256-GCM-SHA384 2
C030 ECDHE-RSA-AES256-GCM-SHA384 2
009F DHE-RSA-AES256-GCM-SHA384 2
CCA9 ECDHE-ECDSA-CHACHA20-POLY1305 2
CCA8 ECDHE-RSA-CHACHA20-POLY1305 2
CCAA DHE-RSA-CHACHA20-POLY1305 2
C02B ECDHE-ECDSA-AES128-GCM-SHA256 2
C02F ECDHE-RSA-AES128-GCM-SHA256 2
009E DHE-RSA-AES128-GCM-SHA256 2
C024 ECDHE-ECDSA-AES256-SHA384 2
C028 ECDHE-RSA-AES256-SHA384 2
006B DHE-RSA-AES256-SHA256 2
C023 ECDHE-ECDSA-AES128-SHA256 2
C027 ECDHE-RSA-AES128-SHA256 2
0067 DHE-RSA-AES128-SHA256 2
C00A ECDHE-ECDSA-AES256-SHA
C014 ECDHE-RSA-AES256-SHA
0039 DHE-RSA-AES256-SHA
C009 ECDHE-ECDSA-AES128-SHA
C013 ECDHE-RSA-AES128-SHA
0033 DHE-RSA-AES128-SHA
009D AES256-GCM-SHA384 2
009C AES128-GCM-SHA256 2
003D AES256-SHA256 2
003C AES128-SHA256 2
0035 AES256-SHA
002F AES128-SHA
00A3 DHE-DSS-AES256-GCM-SHA384 2
C0AF ECDHE-ECDSA-AES256-CCM8 2
C0AD ECDHE-ECDSA-AES256-CCM 2
C0A3 DHE-RSA-AES256-CCM8 2
C09F DHE-RSA-AES256-CCM 2
C05D ECDHE-ECDSA-ARIA256-GCM-SHA384 2
C061 ECDHE-ARIA256-GCM-SHA384 2
C057 DHE-DSS-ARIA256-GCM-SHA384 2
C053 DHE-RSA-ARIA256-GCM-SHA384 2
00A2 DHE-DSS-AES128-GCM-SHA256 2
C0AE ECDHE-ECDSA-AES128-CCM8 2
C0AC ECDHE-ECDSA-AES128-CCM 2
C0A2 DHE-RSA-AES128-CCM8 2
C09E DHE-RSA-AES128-CCM 2
C05C ECDHE-ECDSA-ARIA128-GCM-SHA256 2
C060 ECDHE-ARIA128-GCM-SHA256 2
C056 DHE-DSS-ARIA128-GCM-SHA256 2
C052 DHE-RSA-ARIA128-GCM-SHA256 2
006A DHE-DSS-AES256-SHA256 2
C073 ECDHE-ECDSA-CAMELLIA256-SHA384 2
C077 ECDHE-RSA-CAMELLIA256-SHA384 2
00C4 DHE-RSA-CAMELLIA256-SHA256 2
00C3 DHE-DSS-CAMELLIA256-SHA256 2
0040 DHE-DSS-AES128-SHA256 2
C072 ECDHE-ECDSA-CAMELLIA128-SHA256 2
C076 ECDHE-RSA-CAMELLIA128-SHA256 2
00BE DHE-RSA-CAMELLIA128-SHA256 2
00BD DHE-DSS-CAMELLIA128-SHA256 2
0038 DHE-DSS-AES256-SHA
0088 DHE-RSA-CAMELLIA256-SHA
0087 DHE-DSS-CAMELLIA256-SHA
0032 DHE-DSS-AES128-SHA
0045 DHE-RSA-CAMELLIA128-SHA
0044 DHE-DSS-CAMELLIA128-SHA
C0A1 AES256-CCM8 2
C09D AES256-CCM 2
C051 ARIA256-GCM-SHA384 2
C0A0 AES128-CCM8 2
C09C AES128-CCM 2
C050 ARIA128-GCM-SHA256 2
00C0 CAMELLIA256-SHA256 2
00BA CAMELLIA128-SHA256 2
0084 CAMELLIA256-SHA
0041 CAMELLIA128-SHA
C012 ECDHE-RSA-DES-CBC3-SHA L
C008 ECDHE-ECDSA-DES-CBC3-SHA L
0016 DHE-RSA-DES-CBC3-SHA L
0013 DHE-DSS-DES-CBC3-SHA L
000A DES-CBC3-SHA L
009A DHE-RSA-SEED-SHA L
0096 SEED-SHA L
0007 IDEA-CBC-SHA L
C011 ECDHE-RSA-RC4-SHA L
C007 ECDHE-ECDSA-RC4-SHA L
0005 RC4-SHA L
0004 RC4-MD5 L
`;

interface Row extends CipherSuite {
  tls13: boolean;
}

const ROWS: Row[] = TABLE.trim()
  .split("\n")
  .map((line) => {
    const [code, name, flag = ""] = line.trim().split(/\s+/);
    return {
      code: parseInt(code, 16),
      name,
      tls13: flag === "3",
      tls12Only: flag === "2" || flag === "3",
      openssl: flag !== "L",
    };
  });

const BY_CODE = new Map(ROWS.map((r) => [r.code, r]));

/** Signals secure renegotiation support (RFC 5746) without an extension; every modern client sends it. */
export const EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

/** TLS 1.3 suites. */
export const TLS13_SUITES: readonly CipherSuite[] = ROWS.filter((r) => r.tls13);
/** Suites valid in TLS 1.2 (everything but the TLS 1.3 ones). */
export const TLS12_SUITES: readonly CipherSuite[] = ROWS.filter((r) => !r.tls13);
/** Suites valid in TLS 1.0 and 1.1. */
export const TLS10_SUITES: readonly CipherSuite[] = ROWS.filter((r) => !r.tls12Only);

/** OpenSSL name for a suite code, or its hex value when the probe does not know it. */
export function cipherName(code: number): string {
  return BY_CODE.get(code)?.name ?? `0x${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The `ciphers` string for Node's real handshakes: the same suites as the hellos (minus what this
 * OpenSSL lacks), same order. SECLEVEL=0 because OpenSSL 3's default level 1 refuses TLS 1.0/1.1
 * (their SHA-1 based signatures); it applies to the probe's own connections only.
 */
export const NODE_CIPHER_STRING = `${ROWS.filter((r) => r.openssl)
  .map((r) => r.name)
  .join(":")}@SECLEVEL=0`;
