// The demo's checklist work: items for every integration from the default checklists, and the
// ticks the demo people made, each at a plausible time: after the integration was added (and,
// for one that moved from "not started", at the moment it moved: the first tick moves it), before
// the ticker's last sign-in and the demo clock. Integrations still "not started" have no ticks.
// Two API clients are fully ticked; most work is partly done.
import { db } from "@/lib/db";
import { instantiateItems } from "@/lib/checklists/instantiate";
import { recordTick } from "@/lib/checklists/tick";
import { DEMO_INTEGRATIONS } from "./demo-integrations";

type Person = "member" | "marco" | "sam" | "lena" | "admin";

/** A tick of the n-th item (1-based) of an integration's checklist, `daysAgo` before the demo clock. */
interface DemoTick {
  item: number;
  by: Person;
  daysAgo: number;
  hour?: number;
  note?: string;
  evidenceUrl?: string;
}

const LH = "https://demo-org.my.salesforce.com/00O5800000Login";

const DEMO_TICKS: Record<string, DemoTick[]> = {
  "Sales team browsers": [
    { item: 1, by: "marco", daysAgo: 60, hour: 14, note: "186 users on IE 10 in Login History" },
    { item: 2, by: "marco", daysAgo: 55 },
  ],
  "Call centre thin clients": [
    { item: 1, by: "sam", daysAgo: 120 },
    { item: 2, by: "sam", daysAgo: 118, note: "IE 8 on the frozen image: needs the hardware refresh" },
  ],
  "Field sales laptops": [
    { item: 1, by: "marco", daysAgo: 90 },
    { item: 2, by: "marco", daysAgo: 88, note: "All on Chrome 56" },
    { item: 3, by: "marco", daysAgo: 40, note: "Nothing to change: Chrome 56 is compatible" },
    { item: 4, by: "marco", daysAgo: 21, note: "FS-LT-0412, Chrome 56: “TLS 1.0 Deactivation Test Passed”" },
  ],
  "Marketing Macs": [
    { item: 1, by: "lena", daysAgo: 70 },
    { item: 2, by: "lena", daysAgo: 69 },
    { item: 3, by: "lena", daysAgo: 35, note: "Updated the two Macs still on Safari 6" },
  ],
  "Salesforce for Outlook – Finance": [
    { item: 1, by: "lena", daysAgo: 80, note: "2.9.3 on .NET 4.5.2, Windows 7" },
    { item: 2, by: "lena", daysAgo: 30, note: "SchUseStrongCrypto set by group policy" },
  ],
  "Salesforce App for Outlook – Support": [{ item: 1, by: "sam", daysAgo: 45 }],
  "ERP order sync": [
    { item: 1, by: "member", daysAgo: 40, hour: 14, note: "Java 7u80, HttpsURLConnection" },
    { item: 2, by: "member", daysAgo: 30, note: "-Dhttps.protocols=TLSv1.1,TLSv1.2 added to the JVM options" },
    { item: 3, by: "member", daysAgo: 18, note: "Order sync ran clean against the full sandbox" },
  ],
  "Data Loader nightly jobs": [{ item: 1, by: "sam", daysAgo: 50, note: "Data Loader 35.0 on Java 7" }],
  "Warehouse stock feed": [{ item: 1, by: "lena", daysAgo: 60, note: "Python 2.7.6 with OpenSSL 1.0.1f: needs Python 2.7.9+" }],
  "Marketing Cloud Connect": [{ item: 1, by: "lena", daysAgo: 100 }],
  "Service mobile app (Android 4.3 fleet)": [{ item: 1, by: "sam", daysAgo: 75, note: "Android 4.3 browser stack on 140 devices" }],
  "Reporting extract": [
    { item: 1, by: "marco", daysAgo: 100, note: "Ruby 2.0 linked against OpenSSL 1.0.1" },
    { item: 2, by: "marco", daysAgo: 60, note: "Nothing to change: OpenSSL 1.0.1 negotiates TLS 1.2" },
    { item: 3, by: "marco", daysAgo: 45, note: "Nightly extract ran against the sandbox" },
    { item: 4, by: "marco", daysAgo: 14, note: "No TLS 1.0 logins by the reporting user since 1 Feb", evidenceUrl: `${LH}?user=reporting` },
  ],
  "Legacy HR sync": [{ item: 1, by: "lena", daysAgo: 200, note: ".NET 3.5: cannot do TLS 1.1" }],
  "Developer IDEs": [
    { item: 1, by: "member", daysAgo: 95, note: "Force.com IDE 36.0, mostly on Java 8" },
    { item: 2, by: "member", daysAgo: 50, note: "eclipse.ini flag for the two Java 7 machines" },
    { item: 3, by: "member", daysAgo: 20 },
  ],
  "Jira issue sync": [
    { item: 1, by: "sam", daysAgo: 78, note: "Java 8u121" },
    { item: 2, by: "sam", daysAgo: 78, note: "Nothing to change: Java 8 uses TLS 1.2" },
    { item: 3, by: "sam", daysAgo: 60 },
    { item: 4, by: "sam", daysAgo: 13, note: "Only TLS 1.2 logins by the Jira integration user", evidenceUrl: `${LH}?user=jira` },
  ],
  "E-signature (AppExchange)": [
    { item: 1, by: "lena", daysAgo: 150, note: "SignRight confirmed TLS 1.2 support in writing (letter of 12 Sep)" },
    { item: 2, by: "lena", daysAgo: 90, note: "SignRight 6.4 installed" },
  ],
  "CTI adapter (telephony)": [{ item: 1, by: "sam", daysAgo: 100, note: "CallLink: TLS 1.1 support only in 4.2, due after the cutoff" }],
  "Help & Training portal (admins)": [
    { item: 1, by: "admin", daysAgo: 150, note: "Dana, Morgan and Priya; all on IE 11" },
    { item: 2, by: "admin", daysAgo: 149, note: "Nothing to change: IE 11" },
  ],
  "Delegated Authentication SSO": [
    { item: 1, by: "member", daysAgo: 200, note: "IIS 7.5 on Windows Server 2008 R2" },
    { item: 2, by: "member", daysAgo: 25, note: "TLS 1.1 and 1.2 enabled in SCHANNEL" },
  ],
  "Payment gateway call-out": [
    { item: 1, by: "lena", daysAgo: 120 },
    { item: 2, by: "lena", daysAgo: 60, note: "PayWell enabled TLS 1.2 on their side" },
  ],
  "Outbound Messaging listener (orders)": [{ item: 1, by: "marco", daysAgo: 70, note: "nginx 1.10 in front of the listener" }],
  "Address verification call-out": [
    { item: 1, by: "sam", daysAgo: 90 },
    { item: 2, by: "sam", daysAgo: 30, note: "GeoCheck's endpoint already accepts TLS 1.2" },
  ],
  "Community SSO (SAML IdP)": [
    { item: 1, by: "member", daysAgo: 110 },
    { item: 2, by: "member", daysAgo: 15, note: "Enabled TLS 1.2 on the IdP; not probed yet" },
  ],
  "Corporate SMTP relay": [{ item: 1, by: "sam", daysAgo: 40, note: "Postfix: smtpd_tls_protocols = !SSLv2, !SSLv3" }],
};

/** The campaign's own checklist, ticked by Dana (the admin). */
const CAMPAIGN_TICKS: DemoTick[] = [
  { item: 1, by: "admin", daysAgo: 292 },
  { item: 2, by: "admin", daysAgo: 292 },
  { item: 3, by: "admin", daysAgo: 285 },
  { item: 4, by: "admin", daysAgo: 262, note: "TLS1.0 Logins Only export: 41 applications, 2,310 users" },
  { item: 5, by: "admin", daysAgo: 250 },
  { item: 6, by: "admin", daysAgo: 244, note: "Enabled in the full sandbox" },
  { item: 7, by: "admin", daysAgo: 35, note: "Email to all staff and a Community announcement for partners" },
];

const DEMO_NOW = new Date("2017-02-20T09:00:00Z").getTime();
const at = (t: DemoTick) => new Date(DEMO_NOW - t.daysAgo * 86_400_000 - ((t.hour ?? 10) - 9) * 3_600_000);

const EMAILS: Record<Person, string> = {
  member: "member@demo.test",
  marco: "marco.bianchi@demo.test",
  sam: "sam.okafor@demo.test",
  lena: "lena.hoffmann@demo.test",
  admin: "admin@demo.test",
};

export async function seedDemoChecklists(users: Record<string, string>, campaignId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await instantiateItems(tx, { campaignId });
    // Each integration's items appeared when it was added (the campaign's own, with the campaign).
    await tx.$executeRaw`UPDATE checklist_items ci SET created_at = i.created_at, updated_at = i.created_at FROM integrations i WHERE i.id = ci.integration_id`;
  });
  const integrations = await db.integration.findMany({ select: { id: true, name: true, createdAt: true } });
  const byName = new Map(integrations.map((i) => [i.name, i]));
  const plans: [string | null, DemoTick[]][] = [[null, CAMPAIGN_TICKS], ...Object.entries(DEMO_TICKS)];
  for (const [name, ticks] of plans) {
    const integration = name ? byName.get(name) : null;
    if (name && !integration) throw new Error(`Demo ticks name an unknown integration: ${name}`);
    const demo = DEMO_INTEGRATIONS.find((d) => d.name === name);
    if (demo?.status === "not_started") throw new Error(`${name} is not started: a tick would have moved it`);
    const items = await db.checklistItem.findMany({
      where: { campaignId, integrationId: integration?.id ?? null, template: { retiredAt: null } },
      select: { id: true, template: { select: { title: true } } },
      orderBy: [{ template: { position: "asc" } }],
    });
    for (const t of ticks) {
      const item = items[t.item - 1];
      if (!item) throw new Error(`${name ?? "The campaign"} has no item ${t.item}`);
      const when = at(t);
      const userId = users[EMAILS[t.by]];
      await db.$transaction(async (tx) => {
        await tx.checklistItem.update({
          where: { id: item.id },
          data: { done: true, doneAt: when, doneById: userId, note: t.note ?? null, evidenceUrl: t.evidenceUrl ?? null, version: { increment: 1 }, updatedAt: when },
        });
        await recordTick(tx, {
          item: { id: item.id, campaignId, integrationId: integration?.id ?? null, title: item.template.title },
          wasDone: false,
          done: true,
          at: when,
          by: { id: userId, label: EMAILS[t.by] },
          note: t.note,
          evidenceUrl: t.evidenceUrl,
        });
      });
    }
  }
}
