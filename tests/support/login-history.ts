// Login History fixtures for integration tests: uploads made through the real service and run by
// the real import job, in-process (or by a real worker process where the test says so).
import type { Actor } from "@/lib/auth/permissions";
import { createImport } from "@/lib/login-history/imports";
import { runImport } from "@/lib/login-history/import-job";

export const HEADER = "Username,Login Time,Source IP,Login Type,Status,Browser,Platform,Application,Client Version,API Type,API Version,Login URL,TLS Protocol,TLS Cipher Suite";

export async function* chunks(text: string | Buffer, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  const buf = typeof text === "string" ? Buffer.from(text) : text;
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

export interface Login {
  user: string;
  at: string;
  tls?: string;
  app?: string;
  version?: string;
  apiType?: string;
  browser?: string;
  ip?: string;
  status?: string;
  loginType?: string;
}

/** One CSV line of an export. */
export function line(l: Login): string {
  return [
    l.user, l.at, l.ip ?? "10.0.0.1", l.loginType ?? "Other Apex API", l.status ?? "Success", l.browser ?? "N/A", "N/A",
    l.app ?? "Data Loader", l.version ?? "35.0", l.apiType ?? "SOAP Partner", "38.0", "login.salesforce.com", l.tls ?? "TLS 1.0", "AES",
  ].join(",");
}

export const exportOf = (logins: Login[]) => [HEADER, ...logins.map(line)].join("\r\n") + "\r\n";

/** Uploads an export and runs its import job here, as a worker would. */
export async function importExport(admin: Actor, text: string | Buffer, fileName = "LoginHistory.csv") {
  const { id } = await createImport(admin, { fileName, timeZone: "UTC", dateOrder: "mdy" }, chunks(text));
  const outcome = await runImport(id, new AbortController().signal);
  return { id, outcome };
}
