import Link from "next/link";
import { StatusByCategoryChart } from "@/components/charts/status-by-category";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can, type Actor } from "@/lib/auth/permissions";
import { CATEGORY_INFO, STATUSES, STATUS_INFO } from "@/lib/integrations/categories";
import { inventorySummary } from "@/lib/integrations/summary";

export async function InventoryOverview({ actor }: { actor: Actor }) {
  const summary = await inventorySummary(actor);
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
  return (
    <Card>
      <CardHeader
        title="Inventory"
        description={`${summary.total} integrations, ${summary.withEndpoint} with an endpoint a probe can test.`}
        actions={
          summary.mine ? (
            <Link className="text-sm text-blue-800 hover:underline" href="/integrations?owner=me">
              {summary.mine} yours
            </Link>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {STATUSES.map((s) => (
            <li key={s}>
              <Link href={`/integrations?status=${s}`} className="block rounded-md border border-slate-200 p-3 hover:bg-slate-50">
                <p className="text-2xl font-semibold tabular-nums">{summary.byStatus[s]}</p>
                <p className="text-sm text-slate-600">{STATUS_INFO[s].label}</p>
              </Link>
            </li>
          ))}
        </ul>
        <StatusByCategoryChart
          data={summary.byCategory.filter((c) => c.total > 0).map((c) => ({ category: CATEGORY_INFO[c.category].label, ...c.counts }))}
        />
      </CardBody>
    </Card>
  );
}
