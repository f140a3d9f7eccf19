import Link from "next/link";
import { VerdictByCategoryChart } from "@/components/charts/verdict-by-category";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can, type Actor } from "@/lib/auth/permissions";
import { CATEGORY_INFO, STATUSES, STATUS_INFO } from "@/lib/integrations/categories";
import { inventorySummary } from "@/lib/integrations/summary";
import { readinessSummary } from "@/lib/readiness/summary";
import { VERDICTS, VERDICT_INFO } from "@/lib/readiness/verdict";
import type { Tone } from "@/lib/tone";

const TONE_BORDER: Record<Tone, string> = {
  green: "border-emerald-300",
  red: "border-red-300",
  amber: "border-amber-300",
  neutral: "border-slate-200",
  violet: "border-violet-300",
  blue: "border-blue-300",
};

export async function InventoryOverview({ actor }: { actor: Actor }) {
  const [summary, readiness] = await Promise.all([inventorySummary(actor), readinessSummary(actor)]);
  if (summary.total === 0) {
    return (
      <EmptyState
        title="No integrations listed yet"
        actions={can(actor, "integrations.create") ? <ButtonLink href="/integrations/new" variant="primary">Add the first one</ButtonLink> : null}
      >
        The inventory lists everything that could break at the cutoff.
      </EmptyState>
    );
  }
  const { inPlay } = readiness;
  const ready = readiness.byVerdict.ready;
  const pct = inPlay ? Math.round((ready / inPlay) * 100) : 100;
  return (
    <Card>
      <CardHeader
        title="Readiness"
        description={`${ready} of ${inPlay} integrations in play are ready (${pct}%), proven by a probe or declared by an admin. ${summary.withEndpoint} have an endpoint a probe can test.`}
        actions={
          summary.mine ? (
            <Link className="text-sm text-blue-800 hover:underline" href="/integrations?owner=me">
              {summary.mine === 1 ? "1 is yours" : `${summary.mine} are yours`}
            </Link>
          ) : null
        }
      />
      <CardBody className="space-y-5">
        <div className="h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Share ready">
          <div className="h-full bg-emerald-600" style={{ width: `${pct}%` }} />
        </div>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="verdict-counts">
          {VERDICTS.map((v) => (
            <li key={v}>
              <Link href={`/integrations?verdict=${v}`} className={`block rounded-md border p-3 hover:bg-slate-50 ${TONE_BORDER[VERDICT_INFO[v].tone]}`}>
                <p className="text-2xl font-semibold tabular-nums">{readiness.byVerdict[v]}</p>
                <p className="text-sm text-slate-600">{VERDICT_INFO[v].label}</p>
              </Link>
            </li>
          ))}
        </ul>
        <VerdictByCategoryChart
          data={readiness.byCategory
            .filter((c) => Object.values(c.counts).some(Boolean))
            .map((c) => ({ category: CATEGORY_INFO[c.category].label, ...c.counts }))}
        />
        <p className="text-sm text-slate-600">
          Work status:{" "}
          {STATUSES.map((s, i) => (
            <span key={s}>
              {i ? " · " : ""}
              <Link className="hover:underline" href={`/integrations?status=${s}`}>
                {summary.byStatus[s]} {STATUS_INFO[s].label.toLowerCase()}
              </Link>
            </span>
          ))}
        </p>
      </CardBody>
    </Card>
  );
}
