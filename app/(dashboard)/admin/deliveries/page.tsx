import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableHead } from "@/components/ui/table";
import { requirePage } from "@/lib/auth/session";
import { formatInstant } from "@/lib/format";
import { deliveryCounts } from "@/lib/notifications/deliveries";
import { listDeliveries } from "@/lib/notifications/log";
import { deliveryListQuery } from "@/lib/notifications/schemas";
import { DELIVERY_KIND_LABEL, type DeliveryKind } from "@/lib/notifications/kinds";
import { DeliveryStatus } from "./delivery-status";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Delivery log" };

const FILTERS = [
  { label: "All", status: undefined },
  { label: "Queued", status: "queued" },
  { label: "Sent", status: "sent" },
  { label: "Failed", status: "failed" },
] as const;

export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("notifications.manage", "/admin/deliveries");
  const query = deliveryListQuery.parse(await searchParams);
  const [result, counts] = await Promise.all([listDeliveries(actor, query), deliveryCounts()]);
  return (
    <>
      <PageHeader
        title="Delivery log"
        description="Every email and webhook call the board made or is about to make: to whom, about what, and what the receiving server answered. A queued one is being tried again with growing delays; a failed one can be retried by hand."
      />
      <nav aria-label="Filter by status" className="mb-4 flex flex-wrap gap-2 text-sm">
        {FILTERS.map((f) => {
          const active = query.status === f.status;
          const count = f.status ? counts[f.status] : counts.queued + counts.sent + counts.failed;
          return (
            <Link
              key={f.label}
              href={f.status ? `?status=${f.status}` : "?"}
              aria-current={active ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${active ? "border-blue-700 bg-blue-50 text-blue-900" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
            >
              {f.label} ({count})
            </Link>
          );
        })}
      </nav>
      {counts.failed > 0 && query.status !== "failed" ? (
        <div className="mb-4">
          <Alert kind="warning">
            {counts.failed} {counts.failed === 1 ? "delivery has" : "deliveries have"} failed.{" "}
            <Link href="?status=failed" className="underline">
              Show them
            </Link>{" "}
            to read the server&apos;s answer and retry.
          </Alert>
        </div>
      ) : null}
      {result.data.length === 0 ? (
        <EmptyState title={query.status ? `No ${query.status} deliveries` : "Nothing sent yet"}>
          {query.status
            ? "Choose another status above."
            : "Reminders go out at each campaign's lead times before a milestone, regressions when a probe finds one, summaries on Mondays. Add a webhook and send it a test to see one here now."}
        </EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <TableHead columns={["When", "To", "Subject or event", "Status", { label: "Attempts", align: "right" }, ""]} />
              <tbody className="divide-y divide-slate-100 align-top">
                {result.data.map((d) => (
                  <tr key={d.id} data-testid="delivery-row">
                    <td className="whitespace-nowrap px-5 py-2.5 text-slate-600">{formatInstant(d.createdAt)}</td>
                    <td className="px-3 py-2.5">
                      <p>{d.channel === "email" ? (d.user?.name ?? d.recipient) : (d.webhook?.name ?? "Deleted webhook")}</p>
                      <p className="max-w-56 truncate text-xs text-slate-500" title={d.recipient}>
                        {d.channel === "email" ? d.recipient : `webhook · ${d.recipient}`}
                      </p>
                    </td>
                    <td className="px-3 py-2.5">
                      <p className="text-xs text-slate-500">{DELIVERY_KIND_LABEL[d.kind as DeliveryKind] ?? d.kind}</p>
                      <p>{d.subject}</p>
                    </td>
                    <td className="px-3 py-2.5">
                      <DeliveryStatus status={d.status} answer={d.lastAnswer} />
                    </td>
                    <td className="px-3 py-2.5 text-right tabular-nums">{d.attempts}</td>
                    <td className="whitespace-nowrap px-5 py-2.5 text-right">
                      <Link href={`/admin/deliveries/${d.id}`} className="text-blue-800 underline" aria-label={`View the message: ${d.subject} to ${d.recipient}`}>
                        View
                      </Link>
                      {d.status === "failed" ? <RetryButton id={d.id} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} params={{ status: query.status }} />
        </Card>
      )}
    </>
  );
}
