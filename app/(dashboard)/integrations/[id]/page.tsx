import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/integrations/badges";
import { Timeline, toTimeline } from "@/components/integrations/timeline";
import { entityHistory } from "@/lib/audit/query";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { NotFoundError, isUuid } from "@/lib/errors";
import { formatInstant } from "@/lib/format";
import { CATEGORY_INFO } from "@/lib/integrations/categories";
import { factsFor } from "@/lib/integrations/compatibility";
import { displayVersion } from "@/lib/tls-probe/versions";
import { getIntegration, getReadiness } from "@/lib/integrations/service";
import { probeHistory } from "@/lib/probes/read";
import { ProbeButton } from "@/components/probes/probe-button";
import { ProbeHistory } from "@/components/probes/probe-history";
import { OverrideForm } from "@/components/readiness/override-form";
import { ReadinessCard } from "@/components/readiness/readiness-card";
import { userDirectory } from "@/lib/users/service";
import { getIntegrationChecklist } from "@/lib/checklists/items";
import { ChecklistPanel } from "@/components/checklist/checklist-panel";
import { integrationLoginEvidence } from "@/lib/login-history/links";
import { LoginEvidenceCard } from "@/components/login-history/evidence-card";
import { DeleteIntegrationButton } from "./delete-button";

export const metadata: Metadata = { title: "Integration" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="col-span-2 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("integrations.read", `/integrations/${id}`);
  if (!isUuid(id)) notFound();
  const notFoundToPage = (err: unknown): never => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  };
  const [row, history, users, { readiness, context }, probes, checklist, loginEvidence] = await Promise.all([
    getIntegration(actor, id).catch(notFoundToPage),
    entityHistory("integration", id),
    userDirectory(actor),
    getReadiness(actor, id).catch(notFoundToPage),
    probeHistory(actor, id).catch(notFoundToPage),
    getIntegrationChecklist(actor, id).catch(notFoundToPage),
    integrationLoginEvidence(actor, id),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const facts = factsFor(row.clientSoftware);
  const canEdit = can(actor, "integrations.edit", row);

  return (
    <>
      <PageHeader
        title={row.name}
        description={`${CATEGORY_INFO[row.category].label}${row.owner ? ` · owned by ${row.owner.name}` : " · no owner"}`}
        actions={
          <>
            {canEdit ? (
              <ButtonLink href={`/integrations/${row.id}/edit`} variant="primary">
                Edit
              </ButtonLink>
            ) : null}
            {can(actor, "integrations.delete") ? <DeleteIntegrationButton id={row.id} name={row.name} version={row.version} /> : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <ReadinessCard readiness={readiness} floor={context.floor}>
            <div className="flex flex-wrap items-start gap-6">
              {row.endpointHost && can(actor, "probes.run", row) ? <ProbeButton integrationId={row.id} /> : null}
              {can(actor, "readiness.override") ? <OverrideForm id={row.id} version={row.version} overridden={row.overrideReady} /> : null}
            </div>
          </ReadinessCard>
          <Card>
            <CardHeader
              title="Checklist"
              description={
                can(actor, "checklists.tick", row)
                  ? "The remediation steps for the active campaign: tick what is done. Verification items need their evidence."
                  : "The remediation steps for the active campaign; its owner ticks them."
              }
            />
            <CardBody>
              <ChecklistPanel
                items={checklist.data}
                canTick={can(actor, "checklists.tick", row)}
                label={`Checklist of ${row.name}`}
                empty="The active campaign has no checklist for this category yet. An admin adds its items under Administration, Checklists."
              />
            </CardBody>
          </Card>
          {loginEvidence ? <LoginEvidenceCard evidence={loginEvidence} /> : null}
          <Card>
            <CardHeader title="Details" />
            <CardBody>
              <dl className="divide-y divide-slate-100">
                <Row label="Status">
                  <StatusBadge status={row.status} />
                </Row>
                <Row label="Owner">{row.owner ? `${row.owner.name} (${row.owner.email})` : "No owner"}</Row>
                <Row label="Vendor">{row.vendor || "—"}</Row>
                <Row label="Client">{[row.clientSoftware, row.clientVersion].filter(Boolean).join(" ") || "—"}</Row>
                <Row label="Endpoint">
                  {row.endpointHost ? (
                    <span className="font-mono">
                      {row.endpointHost}:{row.endpointPort}
                      {row.sni ? ` (SNI ${row.sni})` : ""}
                      {row.starttls === "smtp" ? " · SMTP STARTTLS" : ""}
                    </span>
                  ) : (
                    "None: nothing a server-side probe can test"
                  )}
                </Row>
                <Row label="Notes">{row.notes ? <span className="whitespace-pre-line">{row.notes}</span> : "—"}</Row>
                <Row label="Added">{formatInstant(row.createdAt)}</Row>
                <Row label="Last changed">{formatInstant(row.updatedAt)}</Row>
              </dl>
            </CardBody>
          </Card>
          {facts ? (
            <Card>
              <CardHeader title={`${facts.software} and TLS 1.1+`} description="From the client-compatibility table; where sources disagree, both are shown." />
              <CardBody className="space-y-1 text-sm">
                {facts.compatible ? <p>Works: {facts.compatible}</p> : null}
                {facts.needsChange ? <p>Needs a change: {facts.needsChange}</p> : null}
                {facts.notes ? <p>{facts.notes}</p> : null}
              </CardBody>
            </Card>
          ) : null}
        </div>
        <div className="space-y-6 lg:col-span-2">
          {row.endpointHost || probes.length ? (
            <Card>
              <CardHeader title="Probes" description={`Real handshakes with the endpoint, newest first, judged against ${displayVersion(context.floor)}. Kept as evidence.`} />
              <CardBody>
                <ProbeHistory entries={probes} floor={context.floor} />
              </CardBody>
            </Card>
          ) : null}
          <Card>
            <CardHeader title="History" description="From the audit log, newest first." />
            <CardBody>
              <Timeline entries={toTimeline(history, names)} />
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
