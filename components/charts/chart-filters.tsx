import { Button, ButtonLink } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { CATEGORY_OPTIONS } from "@/lib/integrations/categories";
import type { ChartMilestone } from "@/lib/history/series";

export interface FilterValues {
  campaign?: string;
  milestone?: string;
  category?: string;
  owner?: string;
}

/**
 * The filters every chart shares, as a plain GET form: they live in the URL, so a filtered view
 * can be bookmarked, shared and printed, and the page works before its script loads.
 */
export function ChartFilters({ action, values, campaigns, milestones, users }: {
  action: string;
  values: FilterValues;
  campaigns: { id: string; name: string; active: boolean }[];
  milestones: ChartMilestone[];
  users: { id: string; name: string }[];
}) {
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 print:hidden" aria-label="Chart filters">
      <FilterSelect
        id="f-campaign"
        name="campaign"
        label="Campaign"
        value={values.campaign}
        any="The active campaign"
        options={campaigns.map((c) => ({ value: c.id, label: `${c.name}${c.active ? " (active)" : ""}` }))}
        className="w-64"
      />
      <FilterSelect
        id="f-milestone"
        name="milestone"
        label="Milestone"
        value={values.milestone}
        any="The next one due"
        options={milestones.map((m) => ({ value: m.id, label: `${m.name} (${m.day})` }))}
        className="w-52"
      />
      <FilterSelect id="f-category" name="category" label="Impact area" value={values.category} any="Every impact area" options={CATEGORY_OPTIONS} className="w-56" />
      <FilterSelect
        id="f-owner"
        name="owner"
        label="Owner"
        value={values.owner}
        any="Everyone"
        options={[{ value: "me", label: "Mine" }, { value: "none", label: "Nobody (unowned)" }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
        className="w-52"
      />
      <Button type="submit" variant="primary">
        Apply
      </Button>
      <ButtonLink href={action} variant="ghost">
        Clear
      </ButtonLink>
    </form>
  );
}
