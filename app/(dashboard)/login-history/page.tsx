import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableHead } from "@/components/ui/table";
import { FindingsTable } from "@/components/login-history/findings-table";
import { ImportList } from "@/components/login-history/import-list";
import { Tls10ShareChart } from "@/components/login-history/tls10-chart";
import { UploadForm } from "@/components/login-history/upload-form";
import { canAny } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { formatDay, formatInstant } from "@/lib/format";
import { asJson } from "@/lib/http/json";
import { insecureFailures, listFindings, loginHistorySummary, tls10ShareByDay } from "@/lib/login-history/findings";
import { listImports } from "@/lib/login-history/imports";
import { linkTargets } from "@/lib/login-history/links";

export const metadata: Metadata = { title: "Login History" };

const PAGE_SIZE = 25;

function zones(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}

export default async function LoginHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("loginHistory.read", "/login-history");
  const sp = await searchParams;
  const by = sp.by === "user" ? "user" : "client";
  const tls10Only = sp.tls10 !== "0";
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const canManage = canAny(actor, "loginHistory.manage");
  const [imports, summary, failures, findings, daily, targets] = await Promise.all([
    listImports(actor),
    loginHistorySummary(actor),
    insecureFailures(actor),
    listFindings(actor, { by, protocol: tls10Only ? "TLSv1" : undefined, page, pageSize: PAGE_SIZE }),
    tls10ShareByDay(actor),
    canManage ? linkTargets(actor) : Promise.resolve({}),
  ]);
  const tab = (label: string, params: Record<string, string>, current: boolean) => (
    <Link
      prefetch={false}
      href={`?${new URLSearchParams({ by, tls10: tls10Only ? "1" : "0", ...params }).toString()}`}
      aria-current={current ? "page" : undefined}
      className={`rounded-md px-2.5 py-1 text-sm ${current ? "bg-slate-900 text-white" : "border border-slate-300 text-slate-700 hover:bg-slate-50"}`}
    >
      {label}
    </Link>
  );

  return (
    <>
      <PageHeader
        title="Login History"
        description="Who and what still logs in to Salesforce over TLS 1.0, from the org's Login History exports. For browsers, Outlook and API clients this is often the only evidence there is."
      />
      <div className="space-y-6">
        {summary.failedInsecure > 0 ? (
          <Alert kind="error" title={`${summary.failedInsecure.toLocaleString("en")} logins failed over an insecure channel, from ${summary.insecureUsers} users`}>
            <p>These logins were refused because they arrived over TLS 1.0: the cutoff is already biting them. Most recent:</p>
            <ul className="mt-1 list-disc pl-5">
              {failures.map((f) => (
                <li key={`${f.username}-${f.application}-${f.browser}-${f.loginUrl}`}>
                  {f.username} — {f.browser || f.application || "unknown client"} at {f.loginUrl || "an unknown login URL"}: {f.failures} failed, last {formatInstant(f.lastAt)}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}

        {canManage ? (
          <Card>
            <CardHeader title="Upload an export" description="The file is read by a worker; you can leave this page and come back. Re-importing an overlapping export does not count a login twice." />
            <CardBody>
              <UploadForm zones={zones()} />
            </CardBody>
          </Card>
        ) : null}

        <Card>
          <CardHeader title="Imports" description="Each import keeps who uploaded it, when, its rows and the time range it covers. Deleting one removes the logins no other import holds." />
          {imports.length ? (
            // Keyed by what the server saw, so a refresh after an upload or a deletion starts it afresh.
            <ImportList key={imports.map((i) => `${i.id}:${i.status}`).join(",")} initial={asJson(imports)} canManage={canManage} />
          ) : (
            <CardBody>
              <EmptyState title="No Login History imported yet">
                {canManage
                  ? "Download the Login History CSV from Setup → Login History (or the same file gzipped) and upload it above."
                  : "An admin uploads the org's Login History export here; the findings then show who still logs in over TLS 1.0."}
              </EmptyState>
            </CardBody>
          )}
        </Card>

        {summary.logins > 0 ? (
          <>
            <Card>
              <CardHeader
                title="TLS 1.0 share by day"
                description={`${summary.tls10.toLocaleString("en")} of ${summary.logins.toLocaleString("en")} logins over TLS 1.0, ${formatDay(summary.from)} – ${formatDay(summary.to)} (UTC days).`}
              />
              <CardBody className="space-y-3">
                <Tls10ShareChart data={daily} />
                <details>
                  <summary className="cursor-pointer text-sm text-slate-700">The same numbers as a table</summary>
                  <div className="mt-2 max-h-72 overflow-y-auto">
                    <table className="w-full text-sm">
                      <caption className="sr-only">Logins and the TLS 1.0 share per day</caption>
                      <TableHead columns={["Day", { label: "Logins", align: "right" }, { label: "Over TLS 1.0", align: "right" }, { label: "Share", align: "right" }]} />
                      <tbody className="divide-y divide-slate-100">
                        {daily.map((d) => (
                          <tr key={d.day}>
                            <td className="px-5 py-1">{d.day}</td>
                            <td className="px-3 py-1 text-right tabular-nums">{d.logins}</td>
                            <td className="px-3 py-1 text-right tabular-nums">{d.tls10}</td>
                            <td className="px-3 py-1 text-right tabular-nums">{d.share}%</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </CardBody>
            </Card>

            <Card>
              <CardHeader
                title="Findings"
                description={`Per client (application, client version and API type; browsers by the Browser column) or per user. ${
                  canManage ? "Create an integration from a finding, or link it to one" : "An admin links a finding to its integration"
                }: its page then shows this evidence; while it still logs in below the floor it is not ready, and its checklist's Login History item ticks itself once it has logged in only over TLS 1.1 or newer for a week.`}
                actions={
                  <div className="flex flex-wrap gap-2">
                    {tab("By client", { by: "client", page: "1" }, by === "client")}
                    {tab("By user", { by: "user", page: "1" }, by === "user")}
                    {tab(tls10Only ? "Show all" : "TLS 1.0 only", { tls10: tls10Only ? "0" : "1", page: "1" }, false)}
                  </div>
                }
              />
              {findings.data.length ? (
                <>
                  <FindingsTable findings={findings.data} canLink={canManage} options={targets} />
                  <Pagination page={page} pageSize={PAGE_SIZE} total={findings.total} params={{ by, tls10: tls10Only ? "1" : "0" }} />
                </>
              ) : (
                <CardBody>
                  <EmptyState title={tls10Only ? "Nothing logs in over TLS 1.0" : "No logins"}>
                    {tls10Only ? "None of the imported logins used TLS 1.0. Choose Show all to see every client." : "Upload an export to see its clients and users."}
                  </EmptyState>
                </CardBody>
              )}
            </Card>
          </>
        ) : null}
      </div>
    </>
  );
}
