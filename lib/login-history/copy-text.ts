// Rows as Postgres COPY text: tab-separated, one line per row, with \, tab and line breaks escaped.
import type { LoginRow } from "./reader";

/** The staging table's columns, in COPY order. */
export const STAGE_COLUMNS = [
  "username", "login_at", "source_ip", "login_type", "status", "browser", "platform", "application",
  "client_version", "api_type", "api_version", "login_url", "tls_protocol", "cipher_suite",
] as const;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
function esc(v: string): string {
  return NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : v;
}

export function copyLines(rows: LoginRow[]): string {
  let out = "";
  for (const r of rows) {
    out +=
      esc(r.username) + "\t" + r.loginAt.toISOString() + "\t" + esc(r.sourceIp) + "\t" + esc(r.loginType) + "\t" + esc(r.status) + "\t" +
      esc(r.browser) + "\t" + esc(r.platform) + "\t" + esc(r.application) + "\t" + esc(r.clientVersion) + "\t" + esc(r.apiType) + "\t" +
      esc(r.apiVersion) + "\t" + esc(r.loginUrl) + "\t" + r.tlsProtocol + "\t" + esc(r.cipherSuite) + "\n";
  }
  return out;
}
