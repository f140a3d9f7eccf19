// The demo's Login History: a generated export of the three months before the demo clock,
// imported through the real import job and linked to the demo integrations it matches, so the
// page has findings, the integrations show their evidence, and ERP order sync (fixed ten days
// ago, TLS 1.2 since) has its Login History item ticked by the import.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { createImport } from "@/lib/login-history/imports";
import { runImport } from "@/lib/login-history/import-job";
import { clientKey } from "@/lib/login-history/keys";
import { sampleExportChunks } from "@/lib/login-history/sample-export";

const END = new Date("2017-02-19T17:00:00Z");
// When the demo's admin uploaded it: the evening before the demo clock starts.
const IMPORTED_AT = new Date("2017-02-19T18:30:00Z");

const browser = (b: string) => clientKey({ application: "Browser", clientVersion: "N/A", apiType: "N/A", browser: b });
const api = (application: string, clientVersion: string, apiType: string) => clientKey({ application, clientVersion, apiType, browser: "" });

/** Demo integration name → the client finding that is its evidence. */
export const DEMO_LOGIN_LINKS: Record<string, string> = {
  "Sales team browsers": browser("IE 10"),
  "Call centre thin clients": browser("IE 8"),
  "Field sales laptops": browser("Chrome 56"),
  "Warehouse kiosk": browser("Firefox 24"),
  "Marketing Macs": browser("Safari 10"),
  "Partner Community users": browser("IE 9"),
  "Help & Training portal (admins)": browser("IE 11"),
  "Data Loader nightly jobs": api("Data Loader", "35.0", "SOAP Partner"),
  "ERP order sync": api("ERP Order Sync", "Java 1.7.0_80", "SOAP Enterprise"),
  "Billing connector": api("Billing Connector", ".NET 4.5.2", "SOAP Enterprise"),
  "Jira issue sync": api("Jira Issue Sync", "Java 1.8.0_121", "REST"),
  "Salesforce for Outlook – Finance": api("Salesforce for Outlook", "2.9.3", "SOAP Partner"),
};

export async function seedDemoLoginHistory(admin: Actor): Promise<void> {
  const integrations = await db.integration.findMany({ where: { name: { in: Object.keys(DEMO_LOGIN_LINKS) } }, select: { id: true, name: true } });
  await db.loginHistoryLink.createMany({
    data: integrations.map((i) => ({ kind: "client", key: DEMO_LOGIN_LINKS[i.name], integrationId: i.id, createdAt: IMPORTED_AT })),
  });
  const { id } = await createImport(
    admin,
    { fileName: "LoginHistory-Nov-Feb.csv", timeZone: "UTC", dateOrder: "mdy" },
    sampleExportChunks({ rows: 4000, end: END, days: 90 }),
    { queue: false, at: IMPORTED_AT },
  );
  const outcome = await runImport(id, new AbortController().signal, { evidenceAt: IMPORTED_AT });
  if (outcome !== "done") throw new Error(`The demo's Login History import ended ${outcome}`);
  // The seed runs on real time; the demo's past happens before its clock.
  await db.loginHistoryImport.update({ where: { id }, data: { startedAt: IMPORTED_AT, finishedAt: new Date(IMPORTED_AT.getTime() + 4000), heartbeatAt: null } });
}
