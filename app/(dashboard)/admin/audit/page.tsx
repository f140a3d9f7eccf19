import type { Metadata } from "next";
import { TableHead } from "@/components/ui/table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { auditFacets, auditQuerySchema, listAudit } from "@/lib/audit/query";
import { requirePage } from "@/lib/auth/session";
import { formatInstant } from "@/lib/format";
import { Alert } from "@/components/ui/alert";
import { AuditFilters } from "./audit-filters";

export const metadata: Metadata = { title: "Audit log" };

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-400">—</span>;
  return <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{JSON.stringify(value, null, 2)}</pre>;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("audit.read", "/admin/audit");
  const raw = await searchParams;
  const parsed = auditQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v)));
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const [result, facets] = await Promise.all([listAudit(actor, query), auditFacets(actor)]);

  return (
    <>
      <PageHeader title="Audit log" description="Every change, with who made it, when, and the values before and after. Entries cannot be edited or deleted." />
      {!parsed.success ? <Alert kind="warning">Some filters in the address were not valid and were ignored.</Alert> : null}
      <AuditFilters actors={facets.actors} entityTypes={facets.entityTypes} current={{ actor: query.actor, entityType: query.entityType, entityId: query.entityId }} />
      {result.data.length === 0 ? (
        <EmptyState title="No entries match">Clear the filters to see every change.</EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <TableHead columns={["When", "Who", "What"]} />
              <tbody className="divide-y divide-slate-100 align-top">
                {result.data.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap px-5 py-2.5 text-slate-600">{formatInstant(e.at)}</td>
                    <td className="px-3 py-2.5">{e.actorLabel}</td>
                    <td className="px-3 py-2.5">
                      <p>
                        <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{e.action}</span>
                        {e.summary}
                      </p>
                      {e.before !== null || e.after !== null ? (
                        <details className="mt-1">
                          <summary className="cursor-pointer text-xs text-blue-800">Before and after</summary>
                          <div className="mt-2 grid gap-2 md:grid-cols-2">
                            <div>
                              <p className="mb-1 text-xs font-medium text-slate-500">Before</p>
                              <Json value={e.before} />
                            </div>
                            <div>
                              <p className="mb-1 text-xs font-medium text-slate-500">After</p>
                              <Json value={e.after} />
                            </div>
                          </div>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={result.page} pageSize={result.pageSize} total={result.total} params={raw} />
        </Card>
      )}
    </>
  );
}
