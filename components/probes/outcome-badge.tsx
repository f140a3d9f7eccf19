import { Badge } from "@/components/ui/badge";
import { PROBE_OUTCOME_INFO, outcomeText, type ProbeOutcome } from "@/lib/probes/outcome";
import type { FindingFacts } from "@/lib/readiness/verdict";

/** A probe's outcome in the shared words and tone; a certificate problem is spelled out on hover. */
export function ProbeOutcomeBadge({ outcome, probe }: { outcome: ProbeOutcome; probe: FindingFacts }) {
  return (
    <Badge tone={PROBE_OUTCOME_INFO[outcome].tone} title={outcome === "certificate" ? (probe.certProblem ?? undefined) : undefined}>
      {outcomeText(outcome, probe)}
    </Badge>
  );
}
