// Categories and statuses as the API names them, with what people read. Client-safe.
import type { Tone } from "@/lib/tone";

export const CATEGORIES = ["browser", "microsoft_email", "api", "appexchange", "support_portal", "outbound_callout", "email_relay"] as const;
export type Category = (typeof CATEGORIES)[number];

export const STATUSES = ["not_started", "in_progress", "blocked", "retired"] as const;
export type Status = (typeof STATUSES)[number];

/** The statuses of integrations the cutoff can still break: every one but retired. Counted and re-probed. */
export const IN_PLAY_STATUSES = ["not_started", "in_progress", "blocked"] as const satisfies readonly Status[];

export const CATEGORY_INFO: Record<Category, { label: string; help: string; probeable: boolean }> = {
  browser: {
    label: "Browser access",
    help: "A group of users reaching Salesforce in a browser (internal users, Communities, Sites). Record the browser and its version, e.g. Internet Explorer 10; Login History shows who still arrives on TLS 1.0.",
    probeable: false,
  },
  microsoft_email: {
    label: "Microsoft email",
    help: "Salesforce for Outlook, Exchange Sync or the Salesforce App for Outlook. Record the client and its version, and the .NET / Windows build it runs on.",
    probeable: false,
  },
  api: {
    label: "API",
    help: "Something that calls the Salesforce API. Record the runtime and its version (e.g. Java 7u80, .NET 4.5.2, Python 2.7.6 with OpenSSL 1.0.1): that decides whether it can initiate TLS 1.1.",
    probeable: false,
  },
  appexchange: {
    label: "AppExchange / partner app",
    help: "A partner application or AppExchange package that connects to Salesforce. Record the vendor, the app version and what the vendor says about TLS 1.1+.",
    probeable: true,
  },
  support_portal: {
    label: "Support portal",
    help: "Admins reaching the Help & Training portal to submit and manage cases. Record the browsers they use.",
    probeable: false,
  },
  outbound_callout: {
    label: "Outbound call-out",
    help: "An endpoint Salesforce connects to: Delegated Authentication SSO, an Outbound Messaging listener, an Apex call-out target. Record its host and port: a probe proves which TLS versions it accepts.",
    probeable: true,
  },
  email_relay: {
    label: "Email relay (SMTP)",
    help: "An SMTP relay that Salesforce delivers mail through with STARTTLS. Record its host, port (usually 25 or 587) and set STARTTLS to smtp.",
    probeable: true,
  },
};

export const STATUS_INFO: Record<Status, { label: string; tone: Tone }> = {
  not_started: { label: "Not started", tone: "neutral" },
  in_progress: { label: "In progress", tone: "blue" },
  blocked: { label: "Blocked", tone: "red" },
  retired: { label: "Retired", tone: "violet" },
};

/** Accepts the API value or the label, any case: "API", "Microsoft email", "email_relay". */
export function parseCategory(value: string): Category | null {
  const v = value.trim().toLowerCase();
  const direct = CATEGORIES.find((c) => c === v.replace(/[\s/-]+/g, "_"));
  if (direct) return direct;
  return CATEGORIES.find((c) => CATEGORY_INFO[c].label.toLowerCase() === v || CATEGORY_INFO[c].label.toLowerCase().startsWith(`${v} `)) ?? null;
}

export function parseStatus(value: string): Status | null {
  const v = value.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return STATUSES.find((s) => s === v) ?? null;
}

/** The impact areas as choices of a select, in the board's order. */
export const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: CATEGORY_INFO[c].label }));
