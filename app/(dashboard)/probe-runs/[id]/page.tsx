import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table";
import { RunProgressPanel } from "@/components/probes/run-progress";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { NotFoundError, isUuid } from "@/lib/errors";
import { formatInstant } from "@/lib/format";
import { compareVersions, displayVersion } from "@/lib/tls-probe/versions";
import { runProbes, runProgress } from "@/lib/probes/read";
import { fromEnum } from "@/lib/tls-versions";
import { currentJudgement } from "@/lib/readiness/judgement";

export const metadata: Metadata = { title: "Probe run" };

const PROBE_STATUS: Record<string, string> = { queued: "Queued", running: "Running", cancelled: "Cancelled" };

export default async function ProbeRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("probes.read", `/probe-runs/${id}`);
  if (!isUuid(id)) notFound();
  const [progress, probes, judgement] = await Promise.all([
    runProgress(actor, id).catch((err) => {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }),
    runProbes(actor, id),
    currentJudgement(actor),
  ]);
  return (
    <>
      <PageHeader title={`Probe run: ${progress.label}`} description={`Started ${formatInstant(progress.createdAt)}${progress.requestedBy ? ` by ${progress.requestedBy}` : " by the schedule"}.`} />
      <RunProgressPanel
        initial={{
          id: progress.id,
          total: progress.total,
          queued: progress.queued,
          running: progress.running,
          done: progress.done,
          failed: progress.failed,
          cancelled: progress.cancelled,
          ready: progress.ready,
          finished: progress.finished,
          cancelledAt: progress.cancelledAt?.toISOString() ?? null,
        }}
        canCancel={can(actor, "probes.cancel", { ownerId: progress.requestedById })}
      />
      <Card className="mt-6">
        <CardHeader
          title="Endpoints"
          description={`Judged against ${displayVersion(judgement.floor)}. Finished first.${probes.length < progress.total ? ` Showing the first ${probes.length} of ${progress.total}.` : ""}`}
        />
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <TableHead columns={["Integration", "Endpoint", "Result"]} />
            <tbody className="divide-y divide-slate-100">
              {probes.map((p) => {
                const best = p.handshakeVersion ? fromEnum(p.handshakeVersion) : null;
                return (
                  <tr key={p.id} data-testid="run-probe">
                    <td className="px-5 py-2">
                      {p.integration ? (
                        <Link className="text-blue-800 hover:underline" href={`/integrations/${p.integration.id}`}>
                          {p.integration.name}
                        </Link>
                      ) : (
                        "(deleted integration)"
                      )}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">
                      {p.host}:{p.port}
                    </td>
                    <td className="px-3 py-2">
                      {p.status !== "done" ? (
                        <Badge tone={p.status === "cancelled" ? "neutral" : "blue"}>{PROBE_STATUS[p.status] ?? p.status}</Badge>
                      ) : p.errorKind ? (
                        <Badge tone="red">Unreachable: {p.errorKind}</Badge>
                      ) : best && compareVersions(best, judgement.floor) >= 0 ? (
                        p.certProblem ? (
                          <Badge tone="red" title={p.certProblem}>{`${displayVersion(best)}, certificate problem`}</Badge>
                        ) : (
                          <Badge tone="green">{displayVersion(best)}</Badge>
                        )
                      ) : (
                        <Badge tone="red">{best ? `Only ${displayVersion(best)}` : "No handshake"}</Badge>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
