import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { InventoryTable } from "@/components/integrations/inventory-table";
import { InventoryToolbar } from "@/components/integrations/inventory-toolbar";
import type { InventoryRow } from "@/components/integrations/types";
import { can, canAny } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { countIntegrations, listIntegrations } from "@/lib/integrations/service";
import { listQuerySchema } from "@/lib/integrations/schemas";
import { userDirectory } from "@/lib/users/service";

export const metadata: Metadata = { title: "Inventory" };

const FILTER_KEYS = ["q", "category", "status", "owner", "endpoint", "verdict", "sort"] as const;

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePage("integrations.read", "/integrations");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const parsed = listQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listQuerySchema.parse({});
  const [result, users] = await Promise.all([listIntegrations(actor, query), userDirectory(actor)]);
  // Only an empty result needs to know whether the inventory is empty or the filter is too narrow.
  const anyAtAll = result.total > 0 ? result.total : await countIntegrations(actor);

  const rows: InventoryRow[] = result.data.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    status: r.status,
    owner: r.owner ? { id: r.owner.id, name: r.owner.name } : null,
    vendor: r.vendor,
    client: [r.clientSoftware, r.clientVersion].filter(Boolean).join(" "),
    endpoint: r.endpointHost ? `${r.endpointHost.includes(":") ? `[${r.endpointHost}]` : r.endpointHost}:${r.endpointPort}` : null,
    starttls: r.starttls,
    updatedAt: r.updatedAt.toISOString(),
    canEdit: can(actor, "integrations.edit", r),
    selectable: can(actor, "integrations.edit", r) || can(actor, "probes.run", r),
    verdict: r.readiness.verdict,
    verdictReason: r.readiness.reason,
    verdictBasis: r.readiness.basis,
    warnings: r.readiness.warnings,
  }));
  const abilities = {
    create: can(actor, "integrations.create"),
    import: can(actor, "integrations.import"),
    reassign: can(actor, "integrations.reassign"),
    delete: can(actor, "integrations.delete"),
    editSome: canAny(actor, "integrations.edit"),
    probe: canAny(actor, "probes.run"),
  };
  const exportQuery = new URLSearchParams(FILTER_KEYS.filter((k) => raw[k]).map((k) => [k, raw[k]])).toString();
  const filtered = FILTER_KEYS.some((k) => k !== "sort" && raw[k]);

  return (
    <>
      <PageHeader
        title="Inventory"
        description="Everything that could break at the cutoff: browsers, Outlook and Exchange integrations, API clients, partner apps, the support portal, outbound call-outs and SMTP relays."
      />
      {!parsed.success ? (
        <div className="mb-3">
          <Alert kind="warning" title="Some filters in the address were not valid and were ignored">
            {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
          </Alert>
        </div>
      ) : null}
      {anyAtAll === 0 ? (
        <EmptyState
          title="The inventory is empty"
          actions={
            abilities.create ? (
              <>
                <ButtonLink href="/integrations/new" variant="primary">
                  Add your first integration
                </ButtonLink>
                <ButtonLink href="/integrations/import">Import a CSV</ButtonLink>
              </>
            ) : null
          }
        >
          {abilities.create
            ? "List every integration that could break at the cutoff, one by one or from a spreadsheet."
            : "An admin has not listed any integrations yet."}
        </EmptyState>
      ) : (
        <>
          <InventoryToolbar users={users} abilities={abilities} exportQuery={exportQuery} />
          {result.total === 0 ? (
            <EmptyState title="No integration matches these filters" actions={<ButtonLink href="/integrations">Clear the filters</ButtonLink>}>
              {filtered ? "Try a shorter search, or fewer categories and statuses." : null}
            </EmptyState>
          ) : (
            <InventoryTable rows={rows} total={result.total} page={result.page} pageSize={result.pageSize} users={users} abilities={abilities} />
          )}
        </>
      )}
    </>
  );
}
