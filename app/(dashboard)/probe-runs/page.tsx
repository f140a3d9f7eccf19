import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TableHead } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { requirePage } from "@/lib/auth/session";
import { canAny } from "@/lib/auth/permissions";
import { formatInstant } from "@/lib/format";
import { recentRuns } from "@/lib/probes/read";

export const metadata: Metadata = { title: "Probe runs" };

export default async function ProbeRunsPage() {
  const actor = await requirePage("probes.read", "/probe-runs");
  const runs = await recentRuns(actor);
  return (
    <>
      <PageHeader
        title="Probe runs"
        description="Each run probes one or many endpoints with real TLS handshakes. Scheduled re-probes run here too (the interval is in Settings)."
      />
      {runs.length === 0 ? (
        <EmptyState
          title="No probes have run yet"
          actions={canAny(actor, "probes.run") ? <ButtonLink href="/integrations?endpoint=yes">Choose endpoints to probe</ButtonLink> : null}
        >
          Select integrations with an endpoint in the inventory and choose Probe, or open one and choose Probe now.
        </EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <TableHead columns={["Started", "What", "By", "Progress", "Results"]} />
              <tbody className="divide-y divide-slate-100">
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td className="px-5 py-2.5">
                      <Link className="text-blue-800 hover:underline" href={`/probe-runs/${r.id}`}>
                        {formatInstant(r.createdAt)}
                      </Link>
                    </td>
                    <td className="px-3 py-2.5">{r.label}</td>
                    <td className="px-3 py-2.5 text-slate-600">{r.requestedBy ?? "schedule"}</td>
                    <td className="px-3 py-2.5">
                      {r.pending ? <Badge tone="blue">{`${r.done} of ${r.total} done`}</Badge> : r.cancelledAt ? <Badge tone="amber">Cancelled</Badge> : <Badge tone="green">Finished</Badge>}
                    </td>
                    <td className="px-3 py-2.5 text-slate-700">
                      {r.ready} meet the floor · {r.done - r.ready - r.failed} below or with a certificate problem · {r.failed} unreachable
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
