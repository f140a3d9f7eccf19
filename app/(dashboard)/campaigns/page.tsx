import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { listCampaigns } from "@/lib/campaigns/service";
import { focusMilestone, formatPassed, formatRemaining } from "@/lib/campaigns/countdown";
import { now } from "@/lib/clock";
import { formatInstant } from "@/lib/format";
import { displayVersion } from "@/lib/tls-probe/versions";
import { MakeActiveButton } from "./make-active-button";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const actor = await requirePage("campaigns.read", "/campaigns");
  const campaigns = await listCampaigns(actor);
  const manage = can(actor, "campaigns.manage");
  const at = now();

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="A campaign is one deprecation event: the protocol floor endpoints must meet, and the dated milestones it happens on. The active campaign drives the countdown and every readiness verdict."
        actions={manage ? <ButtonLink href="/campaigns/new" variant="primary">New campaign</ButtonLink> : null}
      />
      {campaigns.length === 0 ? (
        <EmptyState title="No campaigns yet">
          {manage ? "Create the first campaign: its floor protocol and its cutoff date." : "An admin has not set up a campaign yet."}
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {campaigns.map((c) => {
            const focus = focusMilestone(c.milestones, at);
            return (
              <Card key={c.id} className="p-5">
                <div className="flex items-start justify-between gap-3">
                  <div>
                    <Link href={`/campaigns/${c.id}`} className="text-lg font-semibold text-blue-800 hover:underline">
                      {c.name}
                    </Link>
                    <p className="mt-0.5 text-sm text-slate-600">Floor: {displayVersion(c.floor)} or newer</p>
                  </div>
                  {c.active ? <Badge tone="green">Active</Badge> : manage ? <MakeActiveButton id={c.id} name={c.name} /> : null}
                </div>
                {c.description ? <p className="mt-3 line-clamp-3 text-sm text-slate-700">{c.description}</p> : null}
                <ul className="mt-3 divide-y divide-slate-100 text-sm">
                  {c.milestones.map((m) => (
                    <li key={m.id} className="flex justify-between gap-3 py-1.5">
                      <span className="font-medium">{m.name}</span>
                      <span className="text-slate-600">{formatInstant(m.dueAt)}</span>
                    </li>
                  ))}
                </ul>
                {focus ? (
                  <p className="mt-3 text-sm text-slate-700">
                    {focus.state === "upcoming"
                      ? `${focus.milestone.name} in ${formatRemaining(focus.msUntil)}`
                      : `${focus.milestone.name} ${formatPassed(focus.msSince)}`}
                  </p>
                ) : null}
              </Card>
            );
          })}
        </div>
      )}
    </>
  );
}
