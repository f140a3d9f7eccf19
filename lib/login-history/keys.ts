// How a login is grouped into a finding, in one place for the findings, the links and the
// evidence: a client is application + client version + API type (+ the browser, for a browser
// login); a user is the username. Framework-free SQL fragments over a login aliased `l`.

/** Joins a client finding's parts into its key (U+001F cannot occur in a CSV value we keep). */
export const KEY_SEPARATOR = "\u001f";

/** A login made in a browser (the UI), not by an API client. */
export const IS_BROWSER_SQL = `(lower(l.application) = 'browser' OR (l.application = '' AND l.api_type IN ('', 'N/A') AND l.browser NOT IN ('', 'N/A', 'Unknown')))`;

/** The browser part of a client: the Browser column for a browser login, else empty. */
export const CLIENT_BROWSER_SQL = `CASE WHEN ${IS_BROWSER_SQL} THEN l.browser ELSE '' END`;

export const CLIENT_KEY_SQL = `concat_ws(chr(31), l.application, l.client_version, l.api_type, ${CLIENT_BROWSER_SQL})`;

export function clientKey(parts: { application: string; clientVersion: string; apiType: string; browser: string }): string {
  return [parts.application, parts.clientVersion, parts.apiType, parts.browser].join(KEY_SEPARATOR);
}

export function splitClientKey(key: string): { application: string; clientVersion: string; apiType: string; browser: string } {
  const [application = "", clientVersion = "", apiType = "", browser = ""] = key.split(KEY_SEPARATOR);
  return { application, clientVersion, apiType, browser };
}

/**
 * The logins linked to integrations, as `linked(integration_id, login_at, tls_protocol, status)`: a user
 * link matches by username, a client link by its parts (both use an index).
 */
export function linkedLoginsSql(scope: string): string {
  return `SELECT k.integration_id, l.username, l.login_at, l.tls_protocol, l.status
            FROM login_history_links k JOIN login_history_logins l ON l.username = k.key
           WHERE k.kind = 'user' AND ${scope}
          UNION ALL
          SELECT k.integration_id, l.username, l.login_at, l.tls_protocol, l.status
            FROM login_history_links k
            JOIN login_history_logins l
              ON l.application = split_part(k.key, chr(31), 1) AND l.client_version = split_part(k.key, chr(31), 2)
             AND l.api_type = split_part(k.key, chr(31), 3) AND ${CLIENT_BROWSER_SQL} = split_part(k.key, chr(31), 4)
           WHERE k.kind = 'client' AND ${scope}`;
}
