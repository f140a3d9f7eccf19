import { PROBE_FINDINGS } from "@/lib/readiness/verdict";
import { PROBE_OUTCOME_INFO, type OutcomeCounts } from "@/lib/probes/outcome";

/** What a run's finished probes found, in the shared words: "Meets the floor: 3 · Unreachable: 1 · …". */
export function OutcomeCountsLine({ counts, className = "" }: { counts: OutcomeCounts; className?: string }) {
  return (
    <p className={`text-sm text-slate-700 ${className}`} data-testid="outcome-counts">
      {PROBE_FINDINGS.map((f, i) => (
        <span key={f}>
          {i ? " · " : ""}
          {PROBE_OUTCOME_INFO[f].label}: {counts[f]}
        </span>
      ))}
    </p>
  );
}
