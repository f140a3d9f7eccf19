import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { listCampaigns } from "@/lib/campaigns/service";
import { listTemplates, scopeLabel, type TemplateView } from "@/lib/checklists/templates";
import { isUuid } from "@/lib/errors";
import { formatDay } from "@/lib/format";
import { CATEGORIES, CATEGORY_INFO, type Category } from "@/lib/integrations/categories";
import { AddTemplateForm } from "./add-template-form";
import { TemplateRow } from "./template-row";

export const metadata: Metadata = { title: "Checklists" };

function Section({ campaignId, category, templates }: { campaignId: string; category: Category | null; templates: TemplateView[] }) {
  const current = templates.filter((t) => !t.retiredAt);
  const retired = templates.filter((t) => t.retiredAt);
  const title = category ? CATEGORY_INFO[category].label : "The campaign's own checklist";
  const label = scopeLabel(category);
  return (
    <Card data-testid={`checklist-${category ?? "campaign"}`}>
      <CardHeader
        title={title}
        description={
          category
            ? `Every integration in this impact area has these ${current.length} item${current.length === 1 ? "" : "s"} on its checklist.`
            : "Ticked by admins, shown on the campaign's page."
        }
      />
      <CardBody className="space-y-3">
        {current.length ? (
          <ol className="divide-y divide-slate-100" aria-label={`Items of the ${label}`}>
            {current.map((t, i) => (
              <TemplateRow key={`${t.id}-${t.version}`} template={t} index={i + 1} count={current.length} />
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-600">No items yet: add the first one below.</p>
        )}
        <AddTemplateForm campaignId={campaignId} category={category} label={label} probeable={category ? CATEGORY_INFO[category].probeable : false} />
        {retired.length ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-700">Retired ({retired.length})</summary>
            <ul className="mt-2 space-y-1 text-slate-600">
              {retired.map((t) => (
                <li key={t.id}>
                  {t.title} · retired {formatDay(t.retiredAt)} · {t.items.done} ticks kept
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </CardBody>
    </Card>
  );
}

export default async function ChecklistsPage({ searchParams }: { searchParams: Promise<{ campaign?: string }> }) {
  const actor = await requirePage("checklists.manage", "/admin/checklists");
  const { campaign: asked } = await searchParams;
  const campaigns = await listCampaigns(actor);
  const chosen = campaigns.find((c) => c.id === asked && isUuid(asked)) ?? campaigns.find((c) => c.active) ?? null;
  if (!chosen) {
    return (
      <>
        <PageHeader title="Checklists" />
        <EmptyState title="No campaign yet" actions={<Link className="text-blue-700 underline" href="/campaigns/new">Create a campaign</Link>}>
          Checklists belong to a campaign: create one first.
        </EmptyState>
      </>
    );
  }
  const { data } = await listTemplates(actor, { campaign: chosen.id });
  const scopes: (Category | null)[] = [null, ...CATEGORIES];
  return (
    <>
      <PageHeader
        title="Checklists"
        description={`The remediation steps of “${chosen.name}”, per impact area. Adding an item adds it, open, to every integration of that area; retiring one takes it off every checklist and keeps what was ticked in the history.`}
      />
      {campaigns.length > 1 ? (
        <nav aria-label="Campaigns" className="mb-6 flex flex-wrap gap-2 text-sm">
          {campaigns.map((c) => (
            <Link
              key={c.id}
              href={`/admin/checklists?campaign=${c.id}`}
              aria-current={c.id === chosen.id ? "page" : undefined}
              className={`rounded-md px-2.5 py-1 ${c.id === chosen.id ? "bg-blue-700 text-white" : "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
            >
              {c.name}
            </Link>
          ))}
        </nav>
      ) : null}
      <div className="max-w-4xl space-y-6">
        {scopes.map((category) => (
          <Section key={category ?? "campaign"} campaignId={chosen.id} category={category} templates={data.filter((t) => t.category === category)} />
        ))}
      </div>
    </>
  );
}
