import "server-only";
import { readRows } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { classifyBrowser, type BrowserCompatibility } from "@/lib/integrations/compatibility";
import type { Category } from "@/lib/integrations/categories";
import { SqlParams } from "@/lib/sql";
import { CLIENT_BROWSER_SQL, CLIENT_KEY_SQL, IS_BROWSER_SQL, clientKey } from "./keys";
import { PROTOCOL_KEYS, type TlsProtocol } from "./values";

// Login History aggregated per client (application + client version + API type, and the browser
// for browser logins) or per user, straight from the logins so a re-import or a deletion shows at once.

export type FindingKind = "client" | "user";

export interface Finding {
  kind: FindingKind;
  /** What a link to an integration is keyed by. */
  key: string;
  application: string;
  clientVersion: string;
  apiType: string;
  browser: string;
  username?: string;
  /** Browser logins: how the browser fares against the compatibility table. */
  browserCompatibility: BrowserCompatibility | null;
  loginType: string;
  logins: number;
  byProtocol: Record<TlsProtocol, number>;
  /** Of the logins with a known protocol, the share over TLS 1.0 (0–1). */
  tls10Share: number;
  failedInsecure: number;
  firstSeen: Date;
  lastSeen: Date;
  sourceIps: string[];
  sourceIpCount: number;
  users: number;
  integrationId: string | null;
  integrationName: string | null;
  /**
   * A user not linked itself whose main client (its most used application, version, API type and
   * browser) is: its logins already count as that integration's evidence. Null otherwise.
   */
  viaClient: { integrationId: string; integrationName: string } | null;
  /** The category an integration made from this finding gets. */
  suggestedCategory: Category;
}

export interface FindingsQuery {
  by: FindingKind;
  protocol?: TlsProtocol;
  page: number;
  pageSize: number;
}

export const INSECURE_SQL = `l.status ILIKE '%insecure channel%'`;

const COUNTS = `count(*)::int AS logins,
  ${PROTOCOL_KEYS.map((p) => `count(*) FILTER (WHERE l.tls_protocol = '${p}')::int AS "${p}"`).join(",\n  ")},
  count(*) FILTER (WHERE ${INSECURE_SQL})::int AS "failedInsecure",
  min(l.login_at) AS "firstSeen", max(l.login_at) AS "lastSeen",
  count(DISTINCT l.source_ip)::int AS "sourceIpCount",
  (array_agg(DISTINCT l.source_ip) FILTER (WHERE l.source_ip <> ''))[1:5] AS "sourceIps",
  count(DISTINCT l.username)::int AS users,
  mode() WITHIN GROUP (ORDER BY l.login_type) AS "loginType",
  bool_or(${IS_BROWSER_SQL}) AS "isBrowser"`;

interface Row {
  key: string;
  application: string;
  clientVersion: string;
  apiType: string;
  browser: string;
  username?: string;
  loginType: string;
  logins: number;
  failedInsecure: number;
  firstSeen: Date;
  lastSeen: Date;
  sourceIpCount: number;
  sourceIps: string[] | null;
  users: number;
  isBrowser: boolean;
  integrationId: string | null;
  integrationName: string | null;
  viaClientId?: string | null;
  viaClientName?: string | null;
  total: number;
  [protocol: string]: unknown;
}

export function suggestedCategory(f: { application: string; isBrowser: boolean }): Category {
  if (/outlook|exchange/i.test(f.application)) return "microsoft_email";
  return f.isBrowser ? "browser" : "api";
}

function shape(kind: FindingKind, r: Row): Finding {
  const byProtocol = Object.fromEntries(PROTOCOL_KEYS.map((p) => [p, Number(r[p] ?? 0)])) as Record<TlsProtocol, number>;
  const known = r.logins - byProtocol.unknown;
  const finding: Finding = {
    kind,
    key: r.key,
    application: r.application,
    clientVersion: r.clientVersion,
    apiType: r.apiType,
    browser: r.browser,
    browserCompatibility: r.isBrowser && r.browser ? classifyBrowser(r.browser) : null,
    loginType: r.loginType,
    logins: r.logins,
    byProtocol,
    tls10Share: known > 0 ? byProtocol.TLSv1 / known : 0,
    failedInsecure: r.failedInsecure,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    sourceIps: r.sourceIps ?? [],
    sourceIpCount: r.sourceIpCount,
    users: r.users,
    integrationId: r.integrationId,
    integrationName: r.integrationName,
    viaClient: !r.integrationId && r.viaClientId ? { integrationId: r.viaClientId, integrationName: r.viaClientName ?? "" } : null,
    suggestedCategory: suggestedCategory(r),
  };
  if (kind === "user") finding.username = r.username;
  return finding;
}

/** One page of findings, most TLS 1.0 logins first; `protocol` keeps those with a login over it. */
export async function listFindings(actor: Actor, q: FindingsQuery): Promise<{ data: Finding[]; page: number; pageSize: number; total: number }> {
  assertCan(actor, "loginHistory.read");
  const p = new SqlParams();
  const having = q.protocol ? `HAVING count(*) FILTER (WHERE l.tls_protocol = ${p.add(q.protocol)}) > 0` : "";
  const grouped =
    q.by === "client"
      ? `SELECT ${CLIENT_KEY_SQL} AS key, l.application, l.client_version AS "clientVersion", l.api_type AS "apiType", ${CLIENT_BROWSER_SQL} AS browser, ${COUNTS}
           FROM login_history_logins l GROUP BY l.application, l.client_version, l.api_type, ${CLIENT_BROWSER_SQL} ${having}`
      : `SELECT l.username AS key, l.username, mode() WITHIN GROUP (ORDER BY l.application) AS application,
                mode() WITHIN GROUP (ORDER BY l.client_version) AS "clientVersion", mode() WITHIN GROUP (ORDER BY l.api_type) AS "apiType",
                mode() WITHIN GROUP (ORDER BY ${CLIENT_BROWSER_SQL}) AS browser, ${COUNTS}
           FROM login_history_logins l GROUP BY l.username ${having}`;
  const rows = await readRows<Row>(
    `SELECT g.*, k.integration_id::text AS "integrationId", i.name AS "integrationName",
            kc.integration_id::text AS "viaClientId", ic.name AS "viaClientName", count(*) OVER ()::int AS total
       FROM (${grouped}) g
       LEFT JOIN login_history_links k ON k.kind = ${p.add(q.by)} AND k.key = g.key
       LEFT JOIN integrations i ON i.id = k.integration_id
       LEFT JOIN login_history_links kc ON ${q.by === "user" ? "true" : "false"} AND kc.kind = 'client'
             AND kc.key = concat_ws(chr(31), g.application, g."clientVersion", g."apiType", g.browser)
       LEFT JOIN integrations ic ON ic.id = kc.integration_id
      ORDER BY g."TLSv1" DESC, g.logins DESC, g.key
      LIMIT ${p.add(q.pageSize)} OFFSET ${p.add((q.page - 1) * q.pageSize)}`,
    p.values,
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.page > 1) {
    const [c] = await readRows<{ n: number }>(`SELECT count(*)::int AS n FROM (${grouped}) g`, p.values.slice(0, q.protocol ? 1 : 0));
    total = c?.n ?? 0;
  }
  return { data: rows.map((r) => shape(q.by, r)), page: q.page, pageSize: q.pageSize, total };
}

/** One finding by its key (to create or link an integration from it). */
export async function findingByKey(actor: Actor, kind: FindingKind, key: string): Promise<Finding | null> {
  assertCan(actor, "loginHistory.read");
  const where = kind === "client" ? `${CLIENT_KEY_SQL} = $1` : `l.username = $1`;
  const [row] = await readRows<Row>(
    kind === "client"
      ? `SELECT ${CLIENT_KEY_SQL} AS key, l.application, l.client_version AS "clientVersion", l.api_type AS "apiType", ${CLIENT_BROWSER_SQL} AS browser,
                ${COUNTS}, NULL AS "integrationId", NULL AS "integrationName"
           FROM login_history_logins l WHERE ${where} AND l.application = split_part($1, chr(31), 1)
          GROUP BY l.application, l.client_version, l.api_type, ${CLIENT_BROWSER_SQL}`
      : `SELECT l.username AS key, l.username, mode() WITHIN GROUP (ORDER BY l.application) AS application,
                mode() WITHIN GROUP (ORDER BY l.client_version) AS "clientVersion", mode() WITHIN GROUP (ORDER BY l.api_type) AS "apiType",
                mode() WITHIN GROUP (ORDER BY ${CLIENT_BROWSER_SQL}) AS browser, ${COUNTS}, NULL AS "integrationId", NULL AS "integrationName"
           FROM login_history_logins l WHERE ${where} GROUP BY l.username`,
    [key],
  );
  return row ? shape(kind, row) : null;
}

export interface DailyShare {
  day: string;
  logins: number;
  tls10: number;
  /** TLS 1.0 logins over logins with a known protocol, in percent. */
  share: number;
}

/** The TLS 1.0 share per day (UTC) over the last `days` days of logins. */
export async function tls10ShareByDay(actor: Actor, days = 180): Promise<DailyShare[]> {
  assertCan(actor, "loginHistory.read");
  const rows = await readRows<{ day: string; logins: number; tls10: number; known: number }>(
    `SELECT to_char(date_trunc('day', l.login_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS logins,
            count(*) FILTER (WHERE l.tls_protocol = 'TLSv1')::int AS tls10, count(*) FILTER (WHERE l.tls_protocol <> 'unknown')::int AS known
       FROM login_history_logins l
      WHERE l.login_at > (SELECT max(login_at) FROM login_history_logins) - make_interval(days => $1)
      GROUP BY 1 ORDER BY 1`,
    [days],
  );
  return rows.map((r) => ({ day: r.day, logins: r.logins, tls10: r.tls10, share: r.known ? Math.round((1000 * r.tls10) / r.known) / 10 : 0 }));
}

export interface LoginHistorySummary {
  logins: number;
  tls10: number;
  failedInsecure: number;
  insecureUsers: number;
  from: Date | null;
  to: Date | null;
}

export async function loginHistorySummary(actor: Actor): Promise<LoginHistorySummary> {
  assertCan(actor, "loginHistory.read");
  const [row] = await readRows<LoginHistorySummary>(
    `SELECT count(*)::int AS logins, count(*) FILTER (WHERE l.tls_protocol = 'TLSv1')::int AS tls10,
            count(*) FILTER (WHERE ${INSECURE_SQL})::int AS "failedInsecure",
            count(DISTINCT l.username) FILTER (WHERE ${INSECURE_SQL})::int AS "insecureUsers",
            min(l.login_at) AS "from", max(l.login_at) AS "to"
       FROM login_history_logins l`,
  );
  return row;
}

export interface InsecureFailure {
  username: string;
  application: string;
  browser: string;
  loginUrl: string;
  failures: number;
  lastAt: Date;
}

/** Failed "Login over insecure channel" logins: the cutoff already biting. Most recent first. */
export async function insecureFailures(actor: Actor, limit = 10): Promise<InsecureFailure[]> {
  assertCan(actor, "loginHistory.read");
  return readRows<InsecureFailure>(
    `SELECT l.username, l.application, ${CLIENT_BROWSER_SQL} AS browser, l.login_url AS "loginUrl", count(*)::int AS failures, max(l.login_at) AS "lastAt"
       FROM login_history_logins l WHERE ${INSECURE_SQL}
      GROUP BY l.username, l.application, ${CLIENT_BROWSER_SQL}, l.login_url
      ORDER BY max(l.login_at) DESC LIMIT $1`,
    [limit],
  );
}

export { clientKey };
