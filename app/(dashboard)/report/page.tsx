import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BurndownSection, ByCategorySection } from "@/components/charts/sections";
import { PrintButton } from "@/components/charts/print-button";
import { requirePage } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { formatInstant } from "@/lib/format";
import { CATEGORY_INFO } from "@/lib/integrations/categories";
import { READY_BASES, verdictLabel, type Verdict } from "@/lib/readiness/verdict";
import { chartQuery, chartQueryFrom } from "@/lib/history/schemas";
import { chartScope } from "@/lib/history/series";
import { reportData } from "@/lib/history/report";
import { userDirectory } from "@/lib/users/service";

export const metadata: Metadata = { title: "Readiness report" };

const HEADLINE_VERDICTS: Verdict[] = ["not_ready", "certificate", "unreachable", "blocked", "not_probed", "unverified"];

export default async function ReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePage("history.read", "/report");
  const values = chartQueryFrom(await searchParams);
  const parsed = chartQuery.safeParse(values);
  const fail = (message: string) => (
    <Alert kind="error" title="This report cannot be made">
      {message} <Link className="underline" href="/report">Open the report without filters</Link>.
    </Alert>
  );
  if (!parsed.success) return fail(parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ") + ".");
  let scope;
  try {
    scope = await chartScope(actor, parsed.data);
  } catch (err) {
    if (err instanceof AppError) return fail(err.message);
    throw err;
  }
  if (!scope) return <EmptyState title="No campaign yet">The report follows a campaign to its cutoff: an admin creates one under Campaigns.</EmptyState>;
  const [r, users] = await Promise.all([reportData(actor, scope), userDirectory(actor)]);
  const qs = new URLSearchParams(values).toString();
  const ownerName = scope.owner === "*" ? null : scope.owner === "-" ? "nobody" : (users.find((u) => u.id === scope.owner)?.name ?? "one owner");
  const filters = [scope.category ? CATEGORY_INFO[scope.category].label : null, ownerName ? `owned by ${ownerName}` : null].filter(Boolean).join(", ");
  return (
    <article className="space-y-6 print:space-y-4" aria-labelledby="report-title">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="report-title" className="text-2xl font-semibold tracking-tight text-slate-900">Readiness report: {scope.campaign.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Generated {formatInstant(r.generatedAt)}
            {filters ? ` · ${filters}` : " · every integration"}
          </p>
        </div>
        <div className="flex gap-2 print:hidden">
          <PrintButton />
          <ButtonLink href={`/api/v1/charts/report${qs ? `?${qs}` : ""}`} prefetch={false}>Download CSV</ButtonLink>
          <ButtonLink href={`/charts${qs ? `?${qs}` : ""}`} variant="ghost">Back to the charts</ButtonLink>
        </div>
      </header>

      <Card>
        <CardBody className="grid gap-4 sm:grid-cols-[16rem_1fr]">
          <div data-testid="report-countdown">
            {r.countdown ? (
              <>
                <p className="text-3xl font-semibold tabular-nums">{r.countdown.days} days</p>
                <p className="text-sm text-slate-700">
                  {r.countdown.state === "upcoming" ? "to" : "since"} the {r.countdown.milestone.toLowerCase()} ({formatInstant(r.countdown.dueAt)})
                </p>
              </>
            ) : (
              <p className="text-sm text-slate-700">No milestone set for this campaign.</p>
            )}
          </div>
          <div>
            <p className="text-lg font-semibold" data-testid="headline-ready">
              {r.headline.ready} of {r.headline.inScope} integrations ready
              {r.headline.inScope ? ` (${Math.round((r.headline.ready / r.headline.inScope) * 100)}%)` : ""}
            </p>
            {r.burndown.sentence ? <p className="text-sm font-medium text-slate-900">{r.burndown.sentence}</p> : null}
            <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
              {READY_BASES.map((b) => (
                <div key={b}>
                  <dt className="text-slate-600">{verdictLabel("ready", b)}</dt>
                  <dd className="font-semibold tabular-nums">{r.headline.readyBy[b]}</dd>
                </div>
              ))}
              {HEADLINE_VERDICTS.map((v) => (
                <div key={v}>
                  <dt className="text-slate-600">{verdictLabel(v, null)}</dt>
                  <dd className="font-semibold tabular-nums">{r.headline.byVerdict[v]}</dd>
                </div>
              ))}
            </dl>
          </div>
        </CardBody>
      </Card>

      <BurndownSection view={r.burndown} scope={scope} />
      <ByCategorySection result={r.byCategory} scope={scope} />

      <Card data-testid="at-risk">
        <CardHeader
          title={`Integrations at risk (${r.atRisk.total})`}
          description="Not ready, a certificate problem, unreachable or blocked, as of now: the most urgent first."
        />
        {r.atRisk.total === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-700">Nothing at risk: every integration in this view is ready, retired, or waiting for a probe or a verification.</p>
          </CardBody>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Integrations at risk with their owner and the reason</caption>
              <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">Integration</th>
                  <th scope="col" className="px-3 py-2 font-medium">Impact area</th>
                  <th scope="col" className="px-3 py-2 font-medium">Owner</th>
                  <th scope="col" className="px-3 py-2 font-medium">Verdict</th>
                  <th scope="col" className="px-3 py-2 font-medium">Reason</th>
                </tr>
              </thead>
              <tbody>
                {r.atRisk.data.map((i) => (
                  <tr key={i.id} className="border-b border-slate-100 align-top">
                    <th scope="row" className="px-5 py-2 text-left font-medium">
                      <Link className="text-blue-800 hover:underline" href={`/integrations/${i.id}`}>{i.name}</Link>
                    </th>
                    <td className="px-3 py-2">{CATEGORY_INFO[i.category].label}</td>
                    <td className="px-3 py-2">{i.owner?.name ?? "Nobody"}</td>
                    <td className="px-3 py-2 whitespace-nowrap">{verdictLabel(i.readiness.verdict, i.readiness.basis)}</td>
                    <td className="px-3 py-2 text-slate-700">{i.readiness.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.atRisk.total > r.atRisk.data.length ? (
              <p className="px-5 py-3 text-sm text-slate-700">
                The {r.atRisk.data.length} most urgent of {r.atRisk.total}; the CSV lists up to 1,000.
              </p>
            ) : null}
          </div>
        )}
      </Card>
    </article>
  );
}
