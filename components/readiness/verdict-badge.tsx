import { Badge } from "@/components/ui/badge";
import { VERDICT_INFO, verdictLabel, type ReadyBasis, type Verdict } from "@/lib/readiness/verdict";

/** The verdict, with its reason on hover; a ⚠ when there are warnings. */
export function VerdictBadge({
  verdict,
  reason,
  warnings = [],
  basis,
  tooltip = true,
}: {
  verdict: Verdict;
  reason: string;
  warnings?: string[];
  basis: ReadyBasis | null;
  /** False where the reason and warnings are shown as text beside it (the board): said once. */
  tooltip?: boolean;
}) {
  const title = tooltip ? [reason, ...warnings].join("\n") : undefined;
  return (
    <span className="inline-flex items-center gap-1" title={title}>
      <Badge tone={VERDICT_INFO[verdict].tone}>{verdictLabel(verdict, basis)}</Badge>
      {tooltip && warnings.length ? (
        <span className="text-amber-700" aria-label={`${warnings.length} warning${warnings.length === 1 ? "" : "s"}: ${warnings.join(" ")}`}>
          ⚠
        </span>
      ) : null}
    </span>
  );
}
