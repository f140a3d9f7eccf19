// The columns of a Salesforce Login History export, found by header name in any order, with the
// synonyms real exports and API extracts use. Framework-free: the worker and the tests use it.

export const LOGIN_FIELDS = [
  "username",
  "loginTime",
  "sourceIp",
  "loginType",
  "status",
  "browser",
  "platform",
  "application",
  "clientVersion",
  "apiType",
  "apiVersion",
  "loginUrl",
  "tlsProtocol",
  "cipherSuite",
] as const;
export type LoginField = (typeof LOGIN_FIELDS)[number];

/** Header names per field, compared without case, spaces, dots, dashes or underscores. */
const SYNONYMS: Record<LoginField, string[]> = {
  username: ["Username", "User Name", "User"],
  loginTime: ["Login Time", "LoginTime", "Login Date", "Date"],
  sourceIp: ["Source IP", "SourceIp", "Source IP Address"],
  loginType: ["Login Type", "LoginType"],
  status: ["Status", "Login Status"],
  browser: ["Browser"],
  platform: ["Platform"],
  application: ["Application"],
  clientVersion: ["Client Version", "ClientVersion"],
  apiType: ["API Type", "ApiType"],
  apiVersion: ["API Version", "ApiVersion"],
  loginUrl: ["Login URL", "LoginUrl"],
  tlsProtocol: ["TLS Protocol", "TlsProtocol"],
  cipherSuite: ["TLS Cipher Suite", "CipherSuite", "TlsCipherSuite", "Cipher Suite"],
};

const squash = (h: string) => h.toLowerCase().replace(/[\s._-]+/g, "");

const BY_NAME = new Map<string, LoginField>(
  (Object.entries(SYNONYMS) as [LoginField, string[]][]).flatMap(([field, names]) => names.map((n) => [squash(n), field] as const)),
);

/** Where each field is in a row; -1 when the file has no such column. */
export type ColumnMap = Record<LoginField, number>;

export class ExportFormatError extends Error {}

/**
 * Maps a header row to the fields. Unknown columns are ignored; a file without the columns every
 * login needs (username, login time, TLS protocol) is refused with a message that says which.
 */
export function mapColumns(header: string[]): ColumnMap {
  const map = Object.fromEntries(LOGIN_FIELDS.map((f) => [f, -1])) as ColumnMap;
  header.forEach((name, i) => {
    const field = BY_NAME.get(squash(name));
    if (field && map[field] === -1) map[field] = i;
  });
  if (map.tlsProtocol === -1) {
    throw new ExportFormatError(
      "The file has no TLS Protocol column (also read as TlsProtocol). Salesforce added it to Login History in Summer ’16: download the export again from Setup → Login History, or add the field to your API query.",
    );
  }
  const missing = (["username", "loginTime"] as const).filter((f) => map[f] === -1);
  if (missing.length) {
    const names = missing.map((f) => SYNONYMS[f][0]).join(" and ");
    throw new ExportFormatError(`The file has no ${names} column. The first row must be the header of a Login History export (found: ${header.slice(0, 8).join(", ") || "nothing"}).`);
  }
  return map;
}
