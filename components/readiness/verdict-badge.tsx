import { Badge } from "@/components/ui/badge";
import { VERDICT_INFO, type Verdict } from "@/lib/readiness/verdict";

/** The verdict, with its reason on hover; a ⚠ when there are warnings. */
export function VerdictBadge({ verdict, reason, warnings = [], basis }: { verdict: Verdict; reason: string; warnings?: string[]; basis?: "proof" | "declaration" }) {
  const info = VERDICT_INFO[verdict];
  // A declaration is not proof: it reads differently wherever a verdict is shown.
  const label = verdict === "ready" && basis === "declaration" ? "Ready (declared)" : info.label;
  const title = [reason, ...warnings].join("\n");
  return (
    <span className="inline-flex items-center gap-1" title={title}>
      <Badge tone={info.tone}>{label}</Badge>
      {warnings.length ? (
        <span className="text-amber-700" aria-label={`${warnings.length} warning${warnings.length === 1 ? "" : "s"}: ${warnings.join(" ")}`}>
          ⚠
        </span>
      ) : null}
    </span>
  );
}
