// The default campaign's checklists: the vendor's TLS 1.0 disablement readiness checklist and the
// client facts in the reference notes (../shared/reference/tls-guidance.md), per impact area,
// plus the campaign's own checklist. Where sources disagree, the guidance says both.
import type { Category } from "@/lib/integrations/categories";
import type { EvidenceKind } from "./schemas";

export interface DefaultTemplate {
  title: string;
  guidance: string;
  required?: boolean;
  verification?: boolean;
  evidence?: EvidenceKind;
  automatic?: "probe_meets_floor";
}

const LOGIN_HISTORY =
  "Setup → Login History, download the CSV (the “TLS1.0 Logins Only” option lists only what still arrives on TLS 1.0). " +
  "The TLS Protocol column (from Summer ’16) shows the protocol of each login; the Setup page shows up to 20,000 logins of the last six months.";

const BROWSERS =
  "Internet Explorer 11 works; IE 8–10: enable TLS 1.1 and 1.2 in Internet Options (group policy for fleets); IE 7 and older cannot. " +
  "Chrome 38+ works by default (one source; another says only Chrome 21 and older fail); Chrome 22–37 needs a change. " +
  "Firefox 27+ works; 23–26: enable it in about:config (security.tls.version.max; another source says only 22 and older fail). " +
  "Safari 7+ (OS X 10.9) works, 6 and older cannot. Android browser 4.4+ works, 4.3 and older cannot.";

const CONFIRM_IN_LOGIN_HISTORY: DefaultTemplate = {
  title: "Confirm in Login History that it no longer logs in over TLS 1.0",
  guidance: `${LOGIN_HISTORY} Filter by its user and application after the change, and link the export or report that shows only TLS 1.1 or newer.`,
  verification: true,
  evidence: "link",
};

const PROBE_AT_FLOOR = (required: boolean): DefaultTemplate => ({
  title: "A probe shows the endpoint at the floor",
  guidance:
    "Ticked by itself when the latest probe of the current endpoint completes a real handshake at the campaign's floor with a certificate Salesforce accepts, " +
    "and unticked when a later probe no longer does or the endpoint changes. Run a probe from the integration's page.",
  required,
  automatic: "probe_meets_floor",
});

const SANDBOX_TEST =
  "Sandboxes lost TLS 1.0 from 25 Jun 2016 (16:30 UTC), and orgs created from Summer ’16 never had it; in an older org, enable the critical update " +
  "“Require TLS 1.1 or higher for HTTPS connections” in a sandbox first.";

export const DEFAULT_TEMPLATES: Record<Category, DefaultTemplate[]> = {
  browser: [
    { title: "Find the users of this browser in Login History", guidance: `${LOGIN_HISTORY} Browser and Platform name the browser of each login.` },
    { title: "Check the browser versions against the compatibility table", guidance: BROWSERS },
    { title: "Upgrade or reconfigure the browsers", guidance: `${BROWSERS} Communities and Sites users on old browsers need telling too.` },
    {
      title: "Open the TLS 1.0 deactivation test page from a typical machine",
      guidance: "https://tls1test.salesforce.com/s/ answers “TLS 1.0 Deactivation Test Passed” to a browser that is ready. Note which machine and browser you used.",
      verification: true,
      evidence: "note",
    },
    { ...CONFIRM_IN_LOGIN_HISTORY, title: "Confirm in Login History that these users no longer log in over TLS 1.0" },
  ],
  microsoft_email: [
    {
      title: "Identify the client version and the .NET and Windows it runs on",
      guidance: "Salesforce for Outlook, Exchange Sync and the Salesforce App for Outlook connect with the machine's .NET and Windows TLS settings.",
    },
    {
      title: "Enable TLS 1.1 and 1.2 for .NET and Windows on the users' machines",
      guidance:
        ".NET 4.6 and newer use TLS 1.1+ by default. .NET 4.5–4.5.2: the SchUseStrongCrypto registry key (or ServicePointManager.SecurityProtocol = Tls12 | Tls11 | Tls in code); " +
        ".NET 4.0: the registry only; 3.5 and older cannot. On Windows 7, also enable TLS 1.1 and 1.2 in Internet Options.",
    },
    { title: "Test email sync against a sandbox with TLS 1.0 disabled", guidance: SANDBOX_TEST },
    CONFIRM_IN_LOGIN_HISTORY,
  ],
  api: [
    {
      title: "Identify the client library and runtime version",
      guidance: "Login History's Application, Client Version and API Type columns name what connects; the runtime (Java, .NET, OpenSSL) decides whether it can initiate TLS 1.1.",
    },
    {
      title: "Apply the change for that runtime",
      guidance:
        "Java 8: TLS 1.2 by default, nothing to change. Java 7: -Dhttps.protocols=TLSv1.1,TLSv1.2 (HttpsURLConnection) or jdk.tls.client.protocols (7u95+); Java 6u121+ can, not by default. " +
        ".NET 4.6+: nothing to change. .NET 4.5–4.5.2: ServicePointManager.SecurityProtocol = Tls12 | Tls11 | Tls, or the registry; .NET 4.0: the registry only; 3.5 and older cannot: upgrade. " +
        "OpenSSL 1.0.1+ (Python 2.7.9+, Ruby 2.0 with OpenSSL 1.0.1). Data Loader 36.0+ (needs Java 8). Force.com Migration Tool: ant-salesforce.jar 37.0+. " +
        "Force.com IDE: on Java 8, or Java 7 with the flag in eclipse.ini. Marketing Cloud Connect did not support TLS 1.1 as of June 2016.",
    },
    {
      title: "Test against a sandbox with TLS 1.0 disabled",
      guidance: `${SANDBOX_TEST} A client still on TLS 1.0 gets UNSUPPORTED_CLIENT: TLS 1.0 has been disabled in this organization.`,
    },
    CONFIRM_IN_LOGIN_HISTORY,
  ],
  appexchange: [
    {
      title: "Ask the vendor whether the app initiates TLS 1.1 or newer",
      guidance: "Partner and AppExchange integrations stop working if they cannot. Note what the vendor said, and when.",
      evidence: "note",
    },
    { title: "Upgrade to the vendor's release with TLS 1.1+ support", guidance: "Install it in a sandbox first; record the version in the integration's details." },
    { title: "Test the app in a sandbox with TLS 1.0 disabled", guidance: SANDBOX_TEST },
    PROBE_AT_FLOOR(false),
    CONFIRM_IN_LOGIN_HISTORY,
  ],
  support_portal: [
    {
      title: "List the admins who submit and manage cases, and their browsers",
      guidance: "Admins on incompatible browsers cannot reach the Help & Training portal, so they cannot open or follow support cases.",
    },
    { title: "Upgrade or reconfigure those browsers", guidance: BROWSERS },
    {
      title: "Confirm each admin can open a case in the Help & Training portal",
      guidance: "Or open https://tls1test.salesforce.com/s/ from each admin's browser. Note who checked, and when.",
      verification: true,
      evidence: "note",
    },
  ],
  outbound_callout: [
    {
      title: "Identify the server and TLS software behind the endpoint",
      guidance: "Delegated Authentication SSO, Outbound Messaging listeners and Apex call-out targets are servers Salesforce connects to: their TLS settings decide.",
    },
    {
      title: "Enable TLS 1.1 or newer on the endpoint",
      guidance: "Its certificate must be one Salesforce accepts: unexpired, for the right name, from a trusted authority, with the whole chain sent.",
    },
    PROBE_AT_FLOOR(true),
    { title: "Test the call-out from a sandbox with TLS 1.0 disabled", guidance: SANDBOX_TEST },
  ],
  email_relay: [
    {
      title: "Enable STARTTLS with TLS 1.1 or newer on the relay",
      guidance: "Salesforce drops TLS 1.0 for STARTTLS SMTP too. Keep a certificate Salesforce accepts.",
    },
    PROBE_AT_FLOOR(true),
    {
      title: "Send a test email through the relay from a sandbox",
      guidance: `${SANDBOX_TEST} Note the message and the time it arrived.`,
      verification: true,
      evidence: "note",
    },
  ],
};

/** The campaign's own checklist: what admins do once for the whole organisation. */
export const DEFAULT_CAMPAIGN_ITEMS: DefaultTemplate[] = [
  { title: "Learn about TLS 1.0 and the industry-wide move away from it", guidance: "Read the vendor's notice and its “disabling TLS 1.0” article." },
  {
    title: "Know the timelines",
    guidance: "Sandboxes from 25 Jun 2016; production on 4 Mar 2017 at 17:30 UTC (09:30 PDT), as first announced. Vendors move such dates: record every change on the campaign's milestones.",
  },
  {
    title: "Understand the impact on browsers, integrations, email, Data Loader, mobile apps, Communities and Sites",
    guidance: "Browser access, Microsoft email integrations, API integrations, partner and AppExchange apps, and admins' access to the Help & Training portal all break on TLS 1.0.",
  },
  { title: "Find users on incompatible browsers and integrations still on TLS 1.0", guidance: `${LOGIN_HISTORY} Add what you find to the inventory.` },
  {
    title: "Find outbound call-outs still on TLS 1.0",
    guidance: "Delegated Authentication SSO, Outbound Messaging and Apex call-outs: add their endpoints to the inventory and probe them.",
  },
  { title: "Enable the critical update “Require TLS 1.1 or higher for HTTPS connections” in a sandbox", guidance: SANDBOX_TEST },
  { title: "Communicate the cutoff to users", guidance: "Tell users, partners and Community members the date, what breaks, and how to check their browser (tls1test.salesforce.com)." },
  { title: "Enable the critical update in production before the cutoff", guidance: "Turning it on early, at a time you choose, finds the stragglers before the vendor does it for you." },
  {
    title: "Confirm after the cutoff that nothing fails with “Login over insecure channel”",
    guidance: `${LOGIN_HISTORY} After the disablement a refused login shows the status “Failed: Login over insecure channel”. Link the report that shows none.`,
    verification: true,
    evidence: "link",
  },
];
