// What can initiate TLS 1.1+, from the client-compatibility table in the reference facts
// (../shared/reference/tls-guidance.md). Used for suggestions in the form; where sources
// disagree, both are shown.

export interface ClientFacts {
  software: string;
  compatible: string;
  needsChange: string;
  notes: string;
  versions: string[];
}

export const CLIENT_COMPATIBILITY: ClientFacts[] = [
  { software: "Internet Explorer", compatible: "11", needsChange: "8-10: enable TLS 1.1/1.2 in Internet Options", notes: "IE 7 and older cannot.", versions: ["7", "8", "9", "10", "11"] },
  { software: "Chrome", compatible: "38+ by default (one source)", needsChange: "22-37", notes: "Another source says only Chrome 21 and older fail.", versions: ["21", "30", "37", "38", "56"] },
  { software: "Firefox", compatible: "27+", needsChange: "23-26 (about:config)", notes: "Another source says only 22 and older fail.", versions: ["22", "24", "27", "51"] },
  { software: "Safari", compatible: "7+ (OS X 10.9)", needsChange: "", notes: "Safari 6 and older cannot.", versions: ["6", "7", "10"] },
  { software: "Android browser", compatible: "4.4+", needsChange: "", notes: "4.3 and older cannot.", versions: ["4.3", "4.4"] },
  { software: "Java", compatible: "8 (TLS 1.2 by default)", needsChange: "7: -Dhttps.protocols=TLSv1.1,TLSv1.2 (HttpsURLConnection) or jdk.tls.client.protocols (7u95+)", notes: "6u121+ can, not by default.", versions: ["6u45", "6u121", "7u80", "7u95", "8u121"] },
  { software: ".NET Framework", compatible: "4.6+", needsChange: "4.5-4.5.2: ServicePointManager.SecurityProtocol = Tls12 | Tls11 | Tls, or the registry. 4.0: registry only", notes: "3.5 and older cannot.", versions: ["3.5", "4.0", "4.5", "4.5.2", "4.6.1"] },
  { software: "OpenSSL", compatible: "1.0.1+", needsChange: "", notes: "Python 2.7.9+, Ruby 2.0 with OpenSSL 1.0.1.", versions: ["0.9.8", "1.0.0", "1.0.1", "1.0.2"] },
  { software: "Data Loader", compatible: "36.0+ (needs Java 8)", needsChange: "", notes: "", versions: ["35.0", "36.0", "38.0"] },
  { software: "Force.com Migration Tool", compatible: "ant-salesforce.jar 37.0+", needsChange: "", notes: "", versions: ["36.0", "37.0"] },
  { software: "Force.com IDE", compatible: "on Java 8", needsChange: "Java 7 with the eclipse.ini flag", notes: "", versions: ["36.0"] },
  { software: "Marketing Cloud Connect", compatible: "", needsChange: "", notes: "Did not support TLS 1.1 as of June 2016.", versions: [] },
  { software: "Salesforce for Outlook", compatible: "", needsChange: "", notes: "Depends on the .NET Framework and Windows TLS settings.", versions: ["2.9.3", "3.1.1"] },
];

export function factsFor(software: string): ClientFacts | null {
  const s = software.trim().toLowerCase();
  if (!s) return null;
  return CLIENT_COMPATIBILITY.find((c) => c.software.toLowerCase() === s || s.startsWith(c.software.toLowerCase())) ?? null;
}

export type BrowserCompatibility = "compatible" | "needs_setting" | "incompatible" | "unknown";

/**
 * The table above as version ranges, for the Browser column of Login History ("IE 10",
 * "Chrome 56", "Firefox 24"...). Where sources disagree, the cautious one: Chrome 22–37 needs a
 * setting (one source says only 21 and older fail), Firefox 23–26 needs about:config.
 */
const BROWSER_RULES: { pattern: RegExp; judge: (major: number, minor: number) => BrowserCompatibility }[] = [
  { pattern: /^(?:ie|internet explorer|msie)\s*(\d+)/i, judge: (v) => (v >= 11 ? "compatible" : v >= 8 ? "needs_setting" : "incompatible") },
  { pattern: /^edge\s*(\d+)?/i, judge: () => "compatible" },
  { pattern: /^chrome\s*(\d+)/i, judge: (v) => (v >= 38 ? "compatible" : v >= 22 ? "needs_setting" : "incompatible") },
  { pattern: /^firefox\s*(\d+)/i, judge: (v) => (v >= 27 ? "compatible" : v >= 23 ? "needs_setting" : "incompatible") },
  { pattern: /^(?:mobile\s+)?safari\s*(\d+)/i, judge: (v) => (v >= 7 ? "compatible" : "incompatible") },
  { pattern: /^android(?:\s+browser)?\s*(\d+)(?:\.(\d+))?/i, judge: (v, m) => (v > 4 || (v === 4 && m >= 4) ? "compatible" : "incompatible") },
];

export function classifyBrowser(browser: string): BrowserCompatibility {
  const b = browser.trim();
  for (const rule of BROWSER_RULES) {
    const m = rule.pattern.exec(b);
    if (m) return rule.judge(Number(m[1] ?? 0), Number(m[2] ?? 0));
  }
  return "unknown";
}

export const BROWSER_COMPATIBILITY_LABELS: Record<BrowserCompatibility, string> = {
  compatible: "Compatible",
  needs_setting: "Needs a setting",
  incompatible: "Incompatible",
  unknown: "Unknown",
};
