import { Field, Select } from "@/components/ui/field";
import { Button, ButtonLink } from "@/components/ui/button";
import { CATEGORIES, CATEGORY_INFO } from "@/lib/integrations/categories";
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
      <Field label="Campaign" htmlFor="f-campaign">
        <Select id="f-campaign" name="campaign" defaultValue={values.campaign ?? ""} className="w-64">
          <option value="">The active campaign</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.active ? " (active)" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Milestone" htmlFor="f-milestone">
        <Select id="f-milestone" name="milestone" defaultValue={values.milestone ?? ""} className="w-52">
          <option value="">The next one due</option>
          {milestones.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.day})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Impact area" htmlFor="f-category">
        <Select id="f-category" name="category" defaultValue={values.category ?? ""} className="w-56">
          <option value="">Every impact area</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_INFO[c].label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Owner" htmlFor="f-owner">
        <Select id="f-owner" name="owner" defaultValue={values.owner ?? ""} className="w-52">
          <option value="">Everyone</option>
          <option value="me">Mine</option>
          <option value="none">Nobody (unowned)</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="primary">
        Apply
      </Button>
      <ButtonLink href={action} variant="ghost">
        Clear
      </ButtonLink>
    </form>
  );
}
