import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { Readiness } from "@/lib/readiness/verdict";
import { displayVersion, type TlsVersionName } from "@/lib/tls-probe/versions";
import { BulletList } from "@/components/ui/bullet-list";
import { VerdictBadge } from "./verdict-badge";

/** Why an integration has its verdict: the reason, and anything to watch. */
export function ReadinessCard({ readiness, floor, children }: { readiness: Readiness; floor: TlsVersionName; children?: React.ReactNode }) {
  return (
    <Card>
      <CardHeader title="Readiness" description={`Judged against the active campaign's floor: ${displayVersion(floor)} or newer.`} />
      <CardBody className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <VerdictBadge verdict={readiness.verdict} reason={readiness.reason} warnings={readiness.warnings} basis={readiness.basis} />
          <p className="text-sm text-slate-800" data-testid="verdict-reason">
            {readiness.reason}
          </p>
        </div>
        <BulletList items={readiness.warnings} className="space-y-0.5 text-amber-900" testId="verdict-warnings" />
        {children}
      </CardBody>
    </Card>
  );
}
