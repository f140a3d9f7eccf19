// Logins as Postgres COPY text for the import's stage: tab-separated, one line per login, with \,
// tab and line breaks escaped. The time goes as epoch milliseconds (no Date, no ISO text per
// login); the INSERT from the stage turns it into a timestamptz.
import type { LoginFields } from "./reader";

/** The stage's columns, in COPY order (login_ms is the login's time in epoch milliseconds). */
export const STAGE_COLUMNS = [
  "username", "login_ms", "source_ip", "login_type", "status", "browser", "platform", "application",
  "client_version", "api_type", "api_version", "login_url", "tls_protocol", "cipher_suite",
] as const;

/** The same columns as the logins table has them, with the expression that reads each from the stage. */
export const STAGE_TO_LOGINS: readonly (readonly [string, string])[] = STAGE_COLUMNS.map((c) =>
  c === "login_ms" ? (["login_at", "timestamptz 'epoch' + login_ms * interval '1 millisecond'"] as const) : ([c, c] as const),
);

export const STAGE_TABLE_SQL = `CREATE TEMP TABLE lh_stage (username text, login_ms bigint, source_ip text, login_type text, status text, browser text,
  platform text, application text, client_version text, api_type text, api_version text, login_url text, tls_protocol text, cipher_suite text) ON COMMIT DROP`;

/** Whether a value holds a character COPY text must escape (a loop: cheaper than a regex per field). */
function needsEscape(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 92 || c === 9 || c === 10 || c === 13) return true;
  }
  return false;
}

function esc(v: string): string {
  return needsEscape(v) ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : v;
}

/** One login as a COPY line, with its line end. */
export function copyLine(r: LoginFields): string {
  return (
    esc(r.username) + "\t" + r.loginMs + "\t" + esc(r.sourceIp) + "\t" + esc(r.loginType) + "\t" + esc(r.status) + "\t" +
    esc(r.browser) + "\t" + esc(r.platform) + "\t" + esc(r.application) + "\t" + esc(r.clientVersion) + "\t" + esc(r.apiType) + "\t" +
    esc(r.apiVersion) + "\t" + esc(r.loginUrl) + "\t" + r.tlsProtocol + "\t" + esc(r.cipherSuite) + "\n"
  );
}
