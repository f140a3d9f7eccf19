import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { WorkGroup } from "@/components/checklist/work-group";
import { LiveRefresh } from "@/components/board/live-refresh";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { requirePage } from "@/lib/auth/session";
import { myWork, type WorkItem } from "@/lib/checklists/work";
import { workQuery } from "@/lib/checklists/schemas";
import { CATEGORY_INFO } from "@/lib/integrations/categories";
import { queryReadinessOf } from "@/lib/integrations/query";
import { readinessContext } from "@/lib/readiness/context";
import { formatInstant } from "@/lib/format";

export const metadata: Metadata = { title: "My work" };

interface Group {
  key: string;
  integration: WorkItem["integration"];
  campaign: WorkItem["campaign"];
  milestone: WorkItem["milestone"];
  items: WorkItem[];
}

/** Consecutive items of one integration (the list is already in milestone order) form a group. */
function groupItems(items: WorkItem[]): Group[] {
  const groups: Group[] = [];
  for (const item of items) {
    const key = `${item.campaign.id}:${item.integration?.id ?? "campaign"}`;
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(item);
    else groups.push({ key, integration: item.integration, campaign: item.campaign, milestone: item.milestone, items: [item] });
  }
  return groups;
}

export default async function MyWorkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePage("checklists.tick", "/my-work");
  const raw = await searchParams;
  const parsed = workQuery.safeParse({ page: typeof raw.page === "string" ? raw.page : undefined, pageSize: "50" });
  const paging = parsed.success ? parsed.data : workQuery.parse({ pageSize: "50" });
  const work = await myWork(actor, paging);
  const groups = groupItems(work.data);
  // Where each integration stands, so that the work on one already refused (or not ready by a
  // probe or Login History) reads as the urgent work it is.
  const readiness = await queryReadinessOf(
    groups.flatMap((g) => (g.integration ? [g.integration.id] : [])),
    await readinessContext(actor),
  );

  return (
    <>
      <PageHeader
        title="My work"
        description="The open checklist items of the integrations you own, the nearest milestone first. Tick them here as you finish them."
        actions={<LiveRefresh />}
      />
      {work.total === 0 ? (
        <EmptyState
          title="Nothing open for you"
          actions={
            <>
              <ButtonLink href="/board?owner=me" variant="primary">
                See your integrations on the board
              </ButtonLink>
              <ButtonLink href="/integrations?owner=me">Your integrations in the inventory</ButtonLink>
            </>
          }
        >
          Every item of the integrations you own is done, or you own none yet. If something you look after is missing, ask an admin to make
          you its owner; once you are, its checklist shows up here.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {groups.map((g) => {
            const title = g.integration ? g.integration.name : `${g.campaign.name}: campaign checklist`;
            const r = g.integration ? readiness.get(g.integration.id) : undefined;
            return (
              <Card key={g.key} data-testid="work-group">
                <CardHeader
                  title={g.integration ? <Link href={`/integrations/${g.integration.id}`} className="text-blue-800 hover:underline">{title}</Link> : title}
                  description={[
                    g.integration ? CATEGORY_INFO[g.integration.category].label : null,
                    g.campaign.name,
                    g.milestone ? `${g.milestone.name}: ${formatInstant(g.milestone.dueAt)}` : "No milestone ahead",
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                />
                <CardBody className="py-0">
                  {r ? (
                    <div className="border-b border-slate-100 py-3" data-testid="work-verdict">
                      <VerdictBadge verdict={r.verdict} basis={r.basis} reason={r.reason} warnings={r.warnings} tooltip={false} />
                      <p className="mt-1 text-sm text-slate-700">{r.reason}</p>
                      {r.warnings.map((w) => (
                        <p key={w} className="mt-0.5 text-sm text-amber-800">
                          {w}
                        </p>
                      ))}
                    </div>
                  ) : null}
                  <WorkGroup items={g.items} label={`Open items of ${title}`} />
                </CardBody>
              </Card>
            );
          })}
          <Pagination page={work.page} pageSize={work.pageSize} total={work.total} params={{}} />
        </div>
      )}
    </>
  );
}
