import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TableHead } from "@/components/ui/table";
import { formatInstant } from "@/lib/format";
import type { RunProbe, RunProgress } from "@/lib/probes/read";
import { ProbeOutcomeBadge } from "./outcome-badge";
import { OutcomeCountsLine } from "./outcome-counts";

/** Where a run stands: still probing (how far), cancelled, or finished. */
function RunStateBadge({ run }: { run: Pick<RunProgress, "done" | "total" | "finished"> & { cancelledAt: Date | string | null } }) {
  if (!run.finished) return <Badge tone="blue">{`${run.done} of ${run.total} done`}</Badge>;
  return run.cancelledAt ? <Badge tone="neutral">Cancelled</Badge> : <Badge tone="green">Finished</Badge>;
}

/** Probe runs, newest first: when, what, who, how far, and what their probes found. */
export function RunTable({ runs }: { runs: RunProgress[] }) {
  return (
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
                <RunStateBadge run={r} />
              </td>
              <td className="px-3 py-2.5">
                <OutcomeCountsLine counts={r.outcomes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The probes of one run: which integration, which endpoint, and the outcome. */
export function RunProbesTable({ probes }: { probes: RunProbe[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <TableHead columns={["Integration", "Endpoint", "Result"]} />
        <tbody className="divide-y divide-slate-100">
          {probes.map((p) => (
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
                <ProbeOutcomeBadge outcome={p.outcome} probe={p} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
