// A generated Login History export of realistic shape, the same every time for the same options:
// browsers (IE 8/10/11, Chrome, Firefox, Safari), Data Loader, Java and .NET API clients, Outlook,
// mixed TLS 1.0 and 1.2, a few "Failed: Login over insecure channel". The demo imports it on first
// start; the benchmark and tests make large ones. Framework-free; yields CSV text line by line.

export const SAMPLE_HEADER =
  "Username,Login Time,Source IP,Login Type,Status,Browser,Platform,Application,Client Version,API Type,API Version,Login URL,TLS Protocol,TLS Cipher Suite";

interface Profile {
  weight: number;
  users: string[];
  loginType: string;
  browser: string;
  platform: string;
  application: string;
  clientVersion: string;
  apiType: string;
  apiVersion: string;
  loginUrl?: string;
  /** The chance a login is over TLS 1.0 (before `fixedAt`, if set; none after it). */
  tls10: number;
  /** Days before the end from which it logs in only over TLS 1.2 (its fix went live). */
  fixedDaysAgo?: number;
  /** The chance a login fails as "Login over insecure channel" (on TLS 1.0). */
  insecure?: number;
}

const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}@demo.test`);

const ORG = "login.salesforce.com";
const NA = "N/A";
const browser = (weight: number, users: string[], b: string, platform: string, tls10: number, extra: Partial<Profile> = {}): Profile => ({
  weight, users, loginType: "Application", browser: b, platform, application: "Browser", clientVersion: NA, apiType: NA, apiVersion: NA, tls10, ...extra,
});
const api = (weight: number, users: string[], application: string, clientVersion: string, apiType: string, tls10: number, extra: Partial<Profile> = {}): Profile => ({
  weight, users, loginType: "Other Apex API", browser: NA, platform: NA, application, clientVersion, apiType, apiVersion: "38.0", tls10, ...extra,
});

export const SAMPLE_PROFILES: Profile[] = [
  browser(22, people("sales", 40), "IE 10", "Windows 7", 0.97),
  browser(8, people("callcentre", 25), "IE 8", "Windows XP", 1),
  browser(14, people("field", 30), "Chrome 56", "Windows 10", 0),
  browser(4, people("kiosk", 6), "Firefox 24", "Linux", 1),
  browser(6, people("marketing", 12), "Safari 10", "Mac OSX", 0),
  browser(6, people("admin", 5), "IE 11", "Windows 10", 0.02),
  browser(4, people("partner", 60), "IE 9", "Windows 7", 1, { loginUrl: "partners.demo.force.com", insecure: 0.25 }),
  api(8, ["integration.dataloader@demo.test"], "Data Loader", "35.0", "SOAP Partner", 1, { apiVersion: "35.0" }),
  api(9, ["integration.erp@demo.test"], "ERP Order Sync", "Java 1.7.0_80", "SOAP Enterprise", 1, { fixedDaysAgo: 10 }),
  api(7, ["integration.billing@demo.test"], "Billing Connector", ".NET 4.5.2", "SOAP Enterprise", 1, { insecure: 0.05 }),
  api(4, ["integration.jira@demo.test"], "Jira Issue Sync", "Java 1.8.0_121", "REST", 0),
  api(3, ["integration.zendesk@demo.test"], "Zendesk", "2.3", "REST", 1),
  { ...api(8, people("finance", 15), "Salesforce for Outlook", "2.9.3", "SOAP Partner", 0.9), loginType: "Remote Access 2.0" },
];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `M/d/yyyy h:mm a`, as the Setup page's CSV writes it (in UTC here). */
function exportTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())} ${h < 12 ? "AM" : "PM"}`;
}

export interface SampleOptions {
  rows: number;
  /** The newest login. */
  end: Date;
  /** How far back the logins go. */
  days: number;
  seed?: number;
}

/** The export, one CSV line (with its line end) at a time, newest login first as Setup lists them. */
export function* sampleExport(opts: SampleOptions): Generator<string> {
  const rnd = random(opts.seed ?? 2017);
  const total = SAMPLE_PROFILES.reduce((s, p) => s + p.weight, 0);
  const span = opts.days * 86_400_000;
  const endMs = opts.end.getTime();
  yield SAMPLE_HEADER + "\r\n";
  for (let i = 0; i < opts.rows; i++) {
    let pick = rnd() * total;
    const p = SAMPLE_PROFILES.find((x) => (pick -= x.weight) < 0) ?? SAMPLE_PROFILES[0];
    // Spread evenly over the span, newest first, with working-hours jitter.
    const at = endMs - Math.floor((i / Math.max(1, opts.rows)) * span) - Math.floor(rnd() * 3_600_000);
    const fixed = p.fixedDaysAgo !== undefined && at > endMs - p.fixedDaysAgo * 86_400_000;
    const tls10 = !fixed && rnd() < p.tls10;
    const insecure = tls10 && p.insecure !== undefined && rnd() < p.insecure;
    const user = p.users[Math.floor(rnd() * p.users.length)];
    const ip = `10.${Math.floor(rnd() * 4)}.${Math.floor(rnd() * 250)}.${1 + Math.floor(rnd() * 250)}`;
    const status = insecure ? "Failed: Login over insecure channel" : "Success";
    const cipher = tls10 ? "ECDHE-RSA-AES256-SHA" : "ECDHE-RSA-AES256-GCM-SHA384";
    yield `${user},${exportTime(at)},${ip},${p.loginType},${status},${p.browser},${p.platform},${p.application},${p.clientVersion},${p.apiType},${p.apiVersion},${p.loginUrl ?? ORG},${tls10 ? "TLS 1.0" : "TLS 1.2"},${cipher}\r\n`;
  }
}

/** The export in chunks of about `bytes`, for streaming it into an upload. */
export async function* sampleExportChunks(opts: SampleOptions, bytes = 256 * 1024): AsyncGenerator<Uint8Array> {
  let buf = "";
  for (const line of sampleExport(opts)) {
    buf += line;
    if (buf.length >= bytes) {
      yield Buffer.from(buf);
      buf = "";
    }
  }
  if (buf) yield Buffer.from(buf);
}
