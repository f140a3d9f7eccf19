import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { getActiveCampaign } from "@/lib/campaigns/service";
import { focusMilestone, formatPassed, formatRemaining } from "@/lib/campaigns/countdown";
import { now } from "@/lib/clock";
import { formatInstant } from "@/lib/format";
import { displayVersion } from "@/lib/tls-probe/versions";
import { InventoryOverview } from "./inventory-overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requirePage("campaigns.read", "/overview");
  const campaign = await getActiveCampaign(actor);
  const at = now();

  if (!campaign) {
    return (
      <>
        <PageHeader title="Overview" />
        <EmptyState
          title="No campaign yet"
          actions={can(actor, "campaigns.manage") ? <ButtonLink href="/campaigns/new" variant="primary">Create a campaign</ButtonLink> : null}
        >
          A campaign names the protocol floor and the cutoff date everything here counts down to.
          {can(actor, "campaigns.manage") ? "" : " Ask an admin to set one up."}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title={campaign.name} description={`Floor: ${displayVersion(campaign.floor)} or newer. Every integration must reach it before the cutoff.`} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader title="Milestones" actions={<Link href={`/campaigns/${campaign.id}`} className="text-sm text-blue-800 hover:underline">Details</Link>} />
          <CardBody>
            <ul className="space-y-3">
              {campaign.milestones.map((m) => {
                const f = focusMilestone([m], at)!;
                return (
                  <li key={m.id}>
                    <p className="font-medium">{m.name}</p>
                    <p className="text-sm text-slate-600">{formatInstant(m.dueAt)}</p>
                    <p className={`text-sm ${f.state === "passed" ? "text-slate-500" : "font-medium text-slate-800"}`}>
                      {f.state === "upcoming" ? `in ${formatRemaining(f.msUntil)}` : formatPassed(f.msSince)}
                    </p>
                  </li>
                );
              })}
            </ul>
          </CardBody>
        </Card>
        <div className="lg:col-span-2">
          <InventoryOverview actor={actor} />
        </div>
      </div>
    </>
  );
}
