import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RunProgressPanel } from "@/components/probes/run-progress";
import { RunProbesTable } from "@/components/probes/run-table";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { NotFoundError, isUuid } from "@/lib/errors";
import { formatInstant } from "@/lib/format";
import { asJson } from "@/lib/http/json";
import { displayVersion } from "@/lib/tls-probe/versions";
import { runProbes, runProgress } from "@/lib/probes/read";
import { readinessContext } from "@/lib/readiness/context";

export const metadata: Metadata = { title: "Probe run" };

export default async function ProbeRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("probes.read", `/probe-runs/${id}`);
  if (!isUuid(id)) notFound();
  const [progress, probes, context] = await Promise.all([
    runProgress(actor, id).catch((err) => {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }),
    runProbes(actor, id),
    readinessContext(actor),
  ]);
  return (
    <>
      <PageHeader title={`Probe run: ${progress.label}`} description={`Started ${formatInstant(progress.createdAt)}${progress.requestedBy ? ` by ${progress.requestedBy}` : " by the schedule"}.`} />
      <RunProgressPanel initial={asJson(progress)} canCancel={can(actor, "probes.cancel", { ownerId: progress.requestedById })} />
      <Card className="mt-6">
        <CardHeader
          title="Endpoints"
          description={`Judged against ${displayVersion(context.floor)}. Finished first.${probes.length < progress.total ? ` Showing the first ${probes.length} of ${progress.total}.` : ""}`}
        />
        <RunProbesTable probes={probes} />
      </Card>
    </>
  );
}
