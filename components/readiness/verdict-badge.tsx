import { Badge } from "@/components/ui/badge";
import { VERDICT_INFO, type Verdict } from "@/lib/readiness/verdict";

/** The verdict, with its reason on hover; a ⚠ when there are warnings. */
export function VerdictBadge({ verdict, reason, warnings = [] }: { verdict: Verdict; reason: string; warnings?: string[] }) {
  const info = VERDICT_INFO[verdict];
  const title = [reason, ...warnings].join("\n");
  return (
    <span className="inline-flex items-center gap-1" title={title}>
      <Badge tone={info.tone}>{info.label}</Badge>
      {warnings.length ? (
        <span className="text-amber-700" aria-label={`${warnings.length} warning${warnings.length === 1 ? "" : "s"}: ${warnings.join(" ")}`}>
          ⚠
        </span>
      ) : null}
    </span>
  );
}
