// The demo organisation's inventory: drawn from the reference facts (client-compatibility table,
// impact areas, outbound call-outs). Endpoints on 127.0.0.1 are served by the demo's own TLS
// endpoints (scripts/demo-endpoints.ts) so that probing them gives real results; `.example`
// names never resolve, as an unreachable vendor would.
import { db } from "@/lib/db";
import type { Category, Status } from "@/lib/integrations/categories";

type Owner = "member" | "marco" | "sam" | "lena" | "admin" | null;

interface DemoIntegration {
  name: string;
  category: Category;
  owner: Owner;
  vendor?: string;
  software?: string;
  version?: string;
  endpoint?: { host: string; port: number; sni?: string; starttls?: "smtp" };
  status: Status;
  notes?: string;
  /** Days before the demo clock's start that it was added. */
  age: number;
  /** An earlier status it moved from, days before the demo clock's start. */
  moved?: { from: Status; daysAgo: number };
}

// Nine consecutive ports from DEMO_ENDPOINT_PORT_BASE (the tests move them, so that they can run
// beside a demo).
const BASE = Number(process.env.DEMO_ENDPOINT_PORT_BASE ?? 47441);
export const DEMO_ENDPOINT_PORTS = {
  sso: BASE,
  payments: BASE + 1,
  shippingRates: BASE + 2,
  outboundListener: BASE + 3,
  addressVerify: BASE + 4,
  legacyHr: BASE + 5,
  relay: BASE + 6,
  marketingRelay: BASE + 7,
  communitySso: BASE + 8,
} as const;

const local = (port: number, sni: string, starttls?: "smtp") => ({ host: "127.0.0.1", port, sni, starttls });

export const DEMO_INTEGRATIONS: DemoIntegration[] = [
  { name: "Sales team browsers", category: "browser", owner: "marco", software: "Internet Explorer", version: "10", status: "in_progress", age: 240, notes: "Windows 7 images; group policy to enable TLS 1.1/1.2 in Internet Options is being rolled out.", moved: { from: "not_started", daysAgo: 60 } },
  { name: "Call centre thin clients", category: "browser", owner: "sam", software: "Internet Explorer", version: "8", status: "blocked", age: 230, notes: "Thin-client image is frozen until the hardware refresh in April.", moved: { from: "in_progress", daysAgo: 12 } },
  { name: "Field sales laptops", category: "browser", owner: "marco", software: "Chrome", version: "56", status: "in_progress", age: 220 },
  { name: "Partner Community users", category: "browser", owner: "member", software: "Various", status: "not_started", age: 200, notes: "Login History shows 312 partner logins on TLS 1.0 in January." },
  { name: "Marketing Macs", category: "browser", owner: "lena", software: "Safari", version: "10", status: "in_progress", age: 190 },
  { name: "Warehouse kiosk", category: "browser", owner: "sam", software: "Firefox", version: "24", status: "not_started", age: 180, notes: "Firefox 24 ESR: TLS 1.1 can be enabled in about:config (security.tls.version.max)." },
  { name: "Customer Community (public Sites)", category: "browser", owner: "member", software: "Various", status: "not_started", age: 150 },
  { name: "Salesforce for Outlook – Finance", category: "microsoft_email", owner: "lena", vendor: "Salesforce", software: "Salesforce for Outlook", version: "2.9.3", status: "in_progress", age: 210, notes: "Runs on .NET 4.5; needs the SchUseStrongCrypto registry key." },
  { name: "Exchange Sync – Sales", category: "microsoft_email", owner: "marco", vendor: "Salesforce", software: "Exchange Sync", status: "not_started", age: 170 },
  { name: "Salesforce App for Outlook – Support", category: "microsoft_email", owner: "sam", vendor: "Salesforce", software: "Salesforce App for Outlook", status: "in_progress", age: 120 },
  { name: "ERP order sync", category: "api", owner: "member", vendor: "In-house", software: "Java", version: "7u80", status: "in_progress", age: 235, notes: "Adding -Dhttps.protocols=TLSv1.1,TLSv1.2 to the JVM options; tested in the sandbox.", moved: { from: "not_started", daysAgo: 40 } },
  { name: "Billing connector", category: "api", owner: "member", vendor: "In-house", software: ".NET Framework", version: "4.5.2", status: "not_started", age: 225, notes: "Needs ServicePointManager.SecurityProtocol = Tls12 | Tls11 | Tls." },
  { name: "Data Loader nightly jobs", category: "api", owner: "sam", vendor: "Salesforce", software: "Data Loader", version: "35.0", status: "in_progress", age: 215, notes: "Upgrade to 38.0 on Java 8 scheduled." },
  { name: "Warehouse stock feed", category: "api", owner: "lena", vendor: "In-house", software: "OpenSSL", version: "1.0.1", status: "in_progress", age: 160, notes: "Python 2.7.6 linked against OpenSSL 1.0.1f." },
  { name: "Marketing Cloud Connect", category: "api", owner: "lena", vendor: "Salesforce", software: "Marketing Cloud Connect", status: "blocked", age: 205, notes: "Did not support TLS 1.1 as of June 2016; waiting on the vendor's fix." },
  { name: "CI deployments (Migration Tool)", category: "api", owner: "member", vendor: "Salesforce", software: "Force.com Migration Tool", version: "36.0", status: "not_started", age: 140 },
  { name: "Service mobile app (Android 4.3 fleet)", category: "api", owner: "sam", software: "Android browser", version: "4.3", status: "blocked", age: 130, notes: "Devices cannot be upgraded past 4.3; replacement devices ordered." },
  { name: "Reporting extract", category: "api", owner: "marco", vendor: "In-house", software: "OpenSSL", version: "1.0.1", status: "in_progress", age: 110, notes: "Ruby 2.0 with OpenSSL 1.0.1." },
  { name: "Legacy HR sync", category: "api", owner: "lena", vendor: "In-house", software: ".NET Framework", version: "3.5", status: "retired", age: 250, notes: "Replaced by the HR platform's native connector in January.", moved: { from: "blocked", daysAgo: 25 } },
  { name: "Developer IDEs", category: "api", owner: "member", vendor: "Salesforce", software: "Force.com IDE", version: "36.0", status: "in_progress", age: 100 },
  { name: "Tableau extract refresh", category: "api", owner: "marco", vendor: "Tableau", software: "Tableau Server", version: "10.1", status: "not_started", age: 90 },
  { name: "Jira issue sync", category: "api", owner: "sam", vendor: "Atlassian", software: "Java", version: "8u121", status: "in_progress", age: 80 },
  { name: "E-signature (AppExchange)", category: "appexchange", owner: "lena", vendor: "SignRight", software: "SignRight for Salesforce", version: "6.4", status: "in_progress", age: 200, endpoint: { host: "api.signright.example", port: 443 }, notes: "Vendor confirmed TLS 1.2 support in writing." },
  { name: "Document generation app", category: "appexchange", owner: "marco", vendor: "DocuForge", software: "DocuForge Composer", version: "8", status: "not_started", age: 185 },
  { name: "Duplicate checker", category: "appexchange", owner: "member", vendor: "CleanData", software: "Dupe Guard", version: "3.2", status: "not_started", age: 95 },
  { name: "CTI adapter (telephony)", category: "appexchange", owner: "sam", vendor: "CallLink", software: "CallLink CTI", version: "4.0", status: "blocked", age: 175, notes: "Vendor release with TLS 1.1 support is due after the cutoff." },
  { name: "Help & Training portal (admins)", category: "support_portal", owner: "admin", software: "Internet Explorer", version: "11", status: "in_progress", age: 160 },
  { name: "Case submission from operations", category: "support_portal", owner: "sam", software: "Chrome", version: "55", status: "not_started", age: 60 },
  { name: "Delegated Authentication SSO", category: "outbound_callout", owner: "member", vendor: "In-house", endpoint: local(DEMO_ENDPOINT_PORTS.sso, "sso.demo.test"), status: "in_progress", age: 245, notes: "Salesforce calls this SOAP endpoint on every login." },
  { name: "Payment gateway call-out", category: "outbound_callout", owner: "lena", vendor: "PayWell", endpoint: local(DEMO_ENDPOINT_PORTS.payments, "payments.demo.test"), status: "in_progress", age: 190 },
  { name: "Shipping rates call-out", category: "outbound_callout", owner: "member", vendor: "ShipFast", endpoint: local(DEMO_ENDPOINT_PORTS.shippingRates, "rates.demo.test"), status: "not_started", age: 170, notes: "Old appliance in the DMZ; the vendor quotes TLS 1.0 only." },
  { name: "Outbound Messaging listener (orders)", category: "outbound_callout", owner: "marco", vendor: "In-house", endpoint: local(DEMO_ENDPOINT_PORTS.outboundListener, "listener.demo.test"), status: "in_progress", age: 160 },
  { name: "Address verification call-out", category: "outbound_callout", owner: "sam", vendor: "GeoCheck", endpoint: local(DEMO_ENDPOINT_PORTS.addressVerify, "geo.demo.test"), status: "in_progress", age: 150 },
  { name: "Payroll export call-out", category: "outbound_callout", owner: "lena", vendor: "In-house", endpoint: local(DEMO_ENDPOINT_PORTS.legacyHr, "payroll.demo.test"), status: "not_started", age: 140, notes: "The host answers TCP but nothing else since the December firewall change." },
  { name: "Community SSO (SAML IdP)", category: "outbound_callout", owner: "member", vendor: "In-house", endpoint: local(DEMO_ENDPOINT_PORTS.communitySso, "idp.demo.test"), status: "in_progress", age: 120 },
  { name: "Slack notifications call-out", category: "outbound_callout", owner: "marco", vendor: "Slack", endpoint: { host: "hooks.chat-vendor.example", port: 443 }, status: "not_started", age: 45 },
  { name: "Corporate SMTP relay", category: "email_relay", owner: "sam", vendor: "In-house", endpoint: local(DEMO_ENDPOINT_PORTS.relay, "mail.demo.test", "smtp"), status: "in_progress", age: 230 },
  { name: "Marketing email relay", category: "email_relay", owner: "lena", vendor: "MailBlast", endpoint: local(DEMO_ENDPOINT_PORTS.marketingRelay, "relay.mailblast.demo.test", "smtp"), status: "not_started", age: 165, notes: "Vendor relay; contract renewal pending." },
  { name: "Email-to-Case senders", category: "email_relay", owner: "sam", vendor: "Various", status: "not_started", age: 75, notes: "Senders' servers deliver to Salesforce; their TLS is outside our control." },
  { name: "Zendesk ticket sync", category: "api", owner: null, vendor: "Zendesk", software: "Zendesk connector", status: "not_started", age: 20, notes: "Found in Login History: nobody has claimed it yet." },
];

const DEMO_NOW = new Date("2017-02-20T09:00:00Z").getTime();
const daysAgo = (d: number, hour = 10) => new Date(DEMO_NOW - d * 86_400_000 - (hour - 9) * 3_600_000);

export async function seedDemoIntegrations(users: Record<string, string>, admin: { id: string; label: string }): Promise<void> {
  const owners: Record<Exclude<Owner, null>, string> = {
    member: users["member@demo.test"],
    marco: users["marco.bianchi@demo.test"],
    sam: users["sam.okafor@demo.test"],
    lena: users["lena.hoffmann@demo.test"],
    admin: users["admin@demo.test"],
  };
  for (const d of DEMO_INTEGRATIONS) {
    const createdAt = daysAgo(d.age);
    const updatedAt = d.moved ? daysAgo(d.moved.daysAgo, 14) : createdAt;
    const ownerId = d.owner ? owners[d.owner] : null;
    const fields = {
      name: d.name,
      category: d.category,
      ownerId,
      vendor: d.vendor ?? "",
      clientSoftware: d.software ?? "",
      clientVersion: d.version ?? "",
      endpointHost: d.endpoint?.host ?? null,
      endpointPort: d.endpoint?.port ?? null,
      sni: d.endpoint?.sni ?? null,
      starttls: d.endpoint?.starttls ?? ("none" as const),
      notes: d.notes ?? "",
    };
    const row = await db.integration.create({
      data: { ...fields, status: d.status, version: d.moved ? 2 : 1, createdAt, updatedAt },
      select: { id: true },
    });
    await db.auditLog.create({
      data: {
        at: createdAt,
        actorId: admin.id,
        actorLabel: admin.label,
        action: "integration.create",
        entityType: "integration",
        entityId: row.id,
        summary: `Added ${d.name}`,
        after: { ...fields, status: d.moved?.from ?? d.status },
      },
    });
    if (d.moved) {
      const owner = d.owner && d.owner !== "admin" ? Object.entries(users).find(([, id]) => id === ownerId) : null;
      await db.auditLog.create({
        data: {
          at: updatedAt,
          actorId: ownerId ?? admin.id,
          actorLabel: owner ? owner[0] : admin.label,
          action: "integration.update",
          entityType: "integration",
          entityId: row.id,
          summary: `Changed status of ${d.name}`,
          before: { status: d.moved.from },
          after: { status: d.status },
        },
      });
    }
  }
}
