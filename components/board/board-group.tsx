import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import type { Board, BoardGroup as Group } from "@/lib/checklists/board";
import { BoardStrip } from "./board-strip";

type Row = Board["data"][number];

const withoutPages = (params: Record<string, string>) => Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith("page_")));

/** "Previous / next" inside one group: only this group's page moves; every other parameter stays. */
function GroupPager({ group, page, pageSize, params }: { group: Group; page: number; pageSize: number; params: Record<string, string> }) {
  const pages = Math.max(1, Math.ceil(group.total / pageSize));
  if (pages === 1) return null;
  const key = `page_${group.category}`;
  const href = (p: number) => `?${new URLSearchParams({ ...params, [key]: String(p) }).toString()}#group-${group.category}`;
  const first = (page - 1) * pageSize + 1;
  return (
    <nav className="flex items-center justify-between border-t border-slate-200 px-5 py-2 text-sm" aria-label={`Pages of ${group.label}`}>
      <p className="text-slate-600">
        {first}–{Math.min(group.total, page * pageSize)} of {group.total}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-50" href={href(page - 1)} rel="prev">
            Previous<span className="sr-only"> in {group.label}</span>
          </Link>
        ) : null}
        {page < pages ? (
          <Link className="rounded border border-slate-300 px-2.5 py-1 hover:bg-slate-50" href={href(page + 1)} rel="next">
            Next<span className="sr-only"> in {group.label}</span>
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/**
 * One impact area of the board: its share ready with a progress bar (counted in the database over
 * the whole group), and one page of its integrations, each with its verdict and checklist strip.
 */
export function BoardGroupSection(props: { group: Group; rows: Row[]; page: number; pageSize: number; params: Record<string, string>; canTick: (row: Row) => boolean }) {
  const { group, rows } = props;
  // Of the integrations in scope, as the header counts them: a retired one cannot become ready.
  const share = group.inScope ? Math.round((group.ready / group.inScope) * 100) : 0;
  const retired = group.total - group.inScope;
  return (
    <Card data-testid={`board-group-${group.category}`}>
      <div id={`group-${group.category}`} className="scroll-mt-4" />
      <CardHeader
        title={group.label}
        actions={
          props.params.category ? null : (
            <Link href={`?${new URLSearchParams({ ...withoutPages(props.params), category: group.category }).toString()}`} className="text-sm text-blue-800 hover:underline">
              This area only<span className="sr-only">: {group.label}</span>
            </Link>
          )
        }
        description={
          <span className="flex flex-wrap items-center gap-3">
            <progress className="h-2 w-40 overflow-hidden rounded accent-emerald-600" max={Math.max(1, group.inScope)} value={group.ready} aria-label={`${group.label}: share ready`} />
            <span data-testid="group-ready">
              {group.ready} of {group.inScope} ready ({share}%)
            </span>
            {retired ? <span>· {retired} retired</span> : null}
            <span>
              · {group.items.done} of {group.items.total} items done · {group.withOpenItems} with open items
            </span>
          </span>
        }
      />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">{group.label}: integrations, verdicts and checklists</caption>
          <TableHead columns={["Integration", "Owner", "Verdict", "Checklist"]} />
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id} data-testid="board-row" className="align-top">
                <td className="px-5 py-2.5">
                  <Link href={`/integrations/${r.id}`} className="font-medium text-blue-800 hover:underline">
                    {r.name}
                  </Link>
                </td>
                <td className="px-3 py-2.5 text-slate-700">{r.owner?.name ?? <span className="text-slate-500">No owner</span>}</td>
                <td className="max-w-xs px-3 py-2.5" data-testid="board-verdict">
                  <VerdictBadge verdict={r.readiness.verdict} basis={r.readiness.basis} reason={r.readiness.reason} warnings={r.readiness.warnings} tooltip={false} />
                  <p className="mt-1 text-xs text-slate-600">{r.readiness.reason}</p>
                  {r.readiness.warnings.map((w) => (
                    <p key={w} className="mt-0.5 text-xs text-amber-800">
                      {w}
                    </p>
                  ))}
                </td>
                <td className="px-3 py-2.5">
                  <BoardStrip items={r.items} canTick={props.canTick(r)} name={r.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <GroupPager group={group} page={props.page} pageSize={props.pageSize} params={props.params} />
    </Card>
  );
}
