import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ChartFilters } from "@/components/charts/chart-filters";
import { BurndownSection, ByCategorySection, ByOwnerSection, CertificatesSection, ProtocolsSection, ThroughputSection } from "@/components/charts/sections";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { listCampaigns } from "@/lib/campaigns/service";
import { AppError } from "@/lib/errors";
import { chartQuery, chartQueryFrom } from "@/lib/history/schemas";
import { burndownView, byCategory, byOwner, certificatesSeries, chartScope, protocolsSeries, throughputSeries } from "@/lib/history/series";
import { userDirectory } from "@/lib/users/service";

export const metadata: Metadata = { title: "Charts" };

export default async function ChartsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePage("history.read", "/charts");
  const values = chartQueryFrom(await searchParams);
  const parsed = chartQuery.safeParse(values);
  const [campaigns, users] = await Promise.all([listCampaigns(actor), userDirectory(actor)]);
  const header = (
    <PageHeader
      title="Readiness over time"
      description="Will we make the cutoff? The trend of every integration's verdict, day by day, from the daily snapshots."
      actions={<ButtonLink href={`/report${Object.keys(values).length ? `?${new URLSearchParams(values)}` : ""}`}>Printable report</ButtonLink>}
    />
  );
  if (!parsed.success) {
    return (
      <>
        {header}
        <Alert kind="error" title="These filters cannot be read">
          {parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}. <a className="underline" href="/charts">Clear the filters</a>.
        </Alert>
      </>
    );
  }
  let scope;
  try {
    scope = await chartScope(actor, parsed.data);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return (
      <>
        {header}
        <Alert kind="error" title="These filters cannot be shown">
          {err.message} <a className="underline" href="/charts">Clear the filters</a>.
        </Alert>
      </>
    );
  }
  if (!scope) {
    return (
      <>
        {header}
        <EmptyState title="No campaign yet" actions={can(actor, "campaigns.manage") ? <ButtonLink href="/campaigns/new" variant="primary">Create a campaign</ButtonLink> : null}>
          Charts follow a campaign from its start to its cutoff. {can(actor, "campaigns.manage") ? "" : "Ask an admin to set one up."}
        </EmptyState>
      </>
    );
  }
  const [burndown, categories, owners, protocols, certificates, throughput] = await Promise.all([
    burndownView(scope),
    byCategory(scope),
    byOwner(scope),
    protocolsSeries(scope),
    certificatesSeries(scope),
    throughputSeries(scope),
  ]);
  return (
    <>
      {header}
      <div className="space-y-6">
        <ChartFilters action="/charts" values={values} campaigns={campaigns} milestones={scope.milestones} users={users.filter((u) => !u.disabled)} />
        <BurndownSection view={burndown} scope={scope} />
        <div className="grid gap-6 xl:grid-cols-2">
          <ByCategorySection result={categories} scope={scope} />
          <ByOwnerSection result={owners} scope={scope} />
        </div>
        <ProtocolsSection result={protocols} />
        <div className="grid gap-6 xl:grid-cols-2">
          <CertificatesSection result={certificates} />
          <ThroughputSection result={throughput} />
        </div>
      </div>
    </>
  );
}
