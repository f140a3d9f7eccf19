import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaigns/service";
import { focusMilestone, formatPassed, formatRemaining } from "@/lib/campaigns/countdown";
import { now } from "@/lib/clock";
import { NotFoundError, isUuid } from "@/lib/errors";
import { formatInstant } from "@/lib/format";
import { displayVersion } from "@/lib/tls-probe/versions";
import { getCampaignChecklist } from "@/lib/checklists/items";
import { ChecklistPanel } from "@/components/checklist/checklist-panel";
import { MakeActiveButton } from "../make-active-button";
import { AddMilestoneForm } from "./add-milestone-form";
import { CampaignForm } from "./campaign-form";
import { MilestoneDateForm } from "./milestone-date-form";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("campaigns.read", `/campaigns/${id}`);
  if (!isUuid(id)) notFound();
  const notFoundToPage = (err: unknown): never => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  };
  const [campaign, checklist] = await Promise.all([getCampaign(actor, id).catch(notFoundToPage), getCampaignChecklist(actor, id).catch(notFoundToPage)]);
  const manage = can(actor, "campaigns.manage");
  const at = now();

  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {campaign.name} {campaign.active ? <Badge tone="green">Active</Badge> : null}
          </span>
        }
        description={`Endpoints must negotiate ${displayVersion(campaign.floor)} or newer.`}
        actions={manage && !campaign.active ? <MakeActiveButton id={campaign.id} name={campaign.name} /> : null}
      />
      {campaign.description ? <p className="mb-6 max-w-3xl whitespace-pre-line text-sm text-slate-700">{campaign.description}</p> : null}

      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card>
            <CardHeader title="The campaign's own checklist" description="What admins do once for the whole organisation, beside each integration's checklist." />
            <CardBody>
              <ChecklistPanel
                items={checklist.data}
                canTick={can(actor, "checklists.tick", { ownerId: null })}
                label={`Checklist of ${campaign.name}`}
                empty={manage ? "Add its items under Administration, Checklists." : "An admin adds its items under Administration, Checklists."}
              />
            </CardBody>
          </Card>
          {campaign.milestones.map((m) => {
            const focus = focusMilestone([m], at)!;
            return (
              <Card key={m.id} data-milestone-id={m.id}>
                <CardHeader
                  title={m.name}
                  description={
                    <>
                      <span className="font-medium text-slate-800" data-testid={`due-${m.name}`}>
                        {formatInstant(m.dueAt)}
                      </span>{" "}
                      ·{" "}
                      {focus.state === "upcoming" ? `in ${formatRemaining(focus.msUntil)}` : formatPassed(focus.msSince)}
                    </>
                  }
                />
                <CardBody className="space-y-4">
                  {manage ? <MilestoneDateForm milestoneId={m.id} version={m.version} dueAt={m.dueAt.toISOString()} name={m.name} /> : null}
                  <div>
                    <h3 className="mb-2 text-sm font-semibold text-slate-800">Date history</h3>
                    <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm" aria-label={`Date history of ${m.name}`}>
                      {m.changes.map((c) => (
                        <li key={c.id}>
                          <p>
                            {c.fromAt ? (
                              <>
                                <span className="text-slate-500 line-through">{formatInstant(c.fromAt)}</span> →{" "}
                                <span className="font-medium">{formatInstant(c.toAt)}</span>
                              </>
                            ) : (
                              <>
                                Set to <span className="font-medium">{formatInstant(c.toAt)}</span>
                              </>
                            )}
                          </p>
                          <p className="text-slate-700">“{c.reason}”</p>
                          <p className="text-xs text-slate-500">
                            {c.changedBy ? c.changedBy.name : "a removed user"} · {formatInstant(c.changedAt)}
                          </p>
                        </li>
                      ))}
                    </ol>
                  </div>
                </CardBody>
              </Card>
            );
          })}
        </div>
        {manage ? (
          <div className="space-y-6">
            <Card>
              <CardHeader title="Campaign settings" />
              <CardBody>
                <CampaignForm
                  id={campaign.id}
                  version={campaign.version}
                  name={campaign.name}
                  description={campaign.description}
                  floor={campaign.floor}
                />
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Add a milestone" description="For example a sandbox date, or an early opt-in." />
              <CardBody>
                <AddMilestoneForm campaignId={campaign.id} />
              </CardBody>
            </Card>
          </div>
        ) : null}
      </div>
    </>
  );
}
