import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ChecklistPanel } from "@/components/checklist/checklist-panel";
import { BoardFilters } from "@/components/board/board-filters";
import { BoardGroupSection } from "@/components/board/board-group";
import { LiveRefresh } from "@/components/board/live-refresh";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { getBoard, type GroupPages } from "@/lib/checklists/board";
import { boardQuery } from "@/lib/checklists/schemas";
import { CATEGORIES } from "@/lib/integrations/categories";
import { displayVersion } from "@/lib/tls-probe/versions";
import { userDirectory } from "@/lib/users/service";

export const metadata: Metadata = { title: "Board" };

/**
 * Rows shown per impact area, each area paging on its own (`page_<category>` in the URL): a few of
 * each while all seven areas show, more once one area is picked.
 */
const GROUP_PAGE_SIZE = 5;
const ONE_AREA_PAGE_SIZE = 20;
const FILTER_KEYS = ["category", "owner", "verdict", "open"] as const;

export default async function BoardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePage("checklists.read", "/board");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const filters = Object.fromEntries(FILTER_KEYS.filter((k) => raw[k]).map((k) => [k, raw[k]]));
  const parsed = boardQuery.safeParse(filters);
  const pageSize = parsed.success && parsed.data.category.length === 1 ? ONE_AREA_PAGE_SIZE : GROUP_PAGE_SIZE;
  const query = { ...(parsed.success ? parsed.data : boardQuery.parse({})), pageSize };
  const groupPages: GroupPages = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.max(1, Number.parseInt(raw[`page_${c}`] ?? "1", 10) || 1)]),
  );
  const [board, users] = await Promise.all([getBoard(actor, query, groupPages), userDirectory(actor)]);
  const filtered = Object.keys(filters).length > 0;
  const canTickCampaign = can(actor, "checklists.tick", { ownerId: null });

  return (
    <>
      <PageHeader
        title="Board"
        description={
          board.campaign
            ? `${board.campaign.name}: every integration by impact area, its verdict against the ${displayVersion(board.campaign.floor)} floor and its remediation checklist.`
            : "Every integration by impact area, with its verdict and its remediation checklist."
        }
        actions={<LiveRefresh />}
      />
      {!parsed.success ? (
        <div className="mb-3">
          <Alert kind="warning" title="Some filters in the address were not valid and were ignored">
            {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
          </Alert>
        </div>
      ) : null}
      {board.campaign ? (
        <Card className="mb-6" data-testid="campaign-checklist">
          <CardHeader title="Campaign checklist" description={canTickCampaign ? "The campaign's own work, ticked by admins." : "The campaign's own work, ticked by admins; shown here for everyone."} />
          <CardBody>
            <ChecklistPanel
              items={board.campaignChecklist.data}
              canTick={canTickCampaign}
              label="Campaign checklist"
              empty={canTickCampaign ? "Add campaign-wide items under Administration → Checklists." : "An admin has not added campaign-wide items yet."}
            />
          </CardBody>
        </Card>
      ) : (
        <div className="mb-6">
          <EmptyState title="No campaign yet" actions={can(actor, "campaigns.manage") ? <ButtonLink href="/campaigns/new" variant="primary">Create a campaign</ButtonLink> : null}>
            Checklists belong to a campaign: {can(actor, "campaigns.manage") ? "create one to start." : "ask an admin to create one."}
          </EmptyState>
        </div>
      )}
      <BoardFilters values={filters} users={users.filter((u) => !u.disabled)} />
      {board.groups.length === 0 ? (
        filtered ? (
          <EmptyState title="No integration matches these filters" actions={<ButtonLink href="/board">Clear the filters</ButtonLink>}>
            Try another impact area or verdict, or include items that are all done.
          </EmptyState>
        ) : (
          <EmptyState
            title="Nothing on the board yet"
            actions={can(actor, "integrations.create") ? <ButtonLink href="/integrations/new" variant="primary">Add an integration</ButtonLink> : null}
          >
            The board lists every integration in the inventory with its checklist.{" "}
            {can(actor, "integrations.create") ? "Add integrations (or import a CSV) to start." : "Ask an admin to list the integrations."}
          </EmptyState>
        )
      ) : (
        <div className="space-y-6">
          {board.groups.map((g) => (
            <BoardGroupSection
              key={g.category}
              group={g}
              rows={board.data.filter((r) => r.category === g.category)}
              page={groupPages[g.category] ?? 1}
              pageSize={pageSize}
              params={{ ...filters, ...Object.fromEntries(Object.entries(raw).filter(([k]) => k.startsWith("page_"))) }}
              canTick={(r) => can(actor, "checklists.tick", { ownerId: r.owner?.id ?? null })}
            />
          ))}
        </div>
      )}
    </>
  );
}
