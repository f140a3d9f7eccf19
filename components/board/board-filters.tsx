import { Button, ButtonLink } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { CATEGORY_OPTIONS } from "@/lib/integrations/categories";
import { VERDICT_FILTERS, verdictFilterLabel } from "@/lib/readiness/verdict";

/**
 * The board's filters as a plain GET form: they live in the URL (shareable, back button), work
 * without script, and applying them starts every group at its first page again.
 */
export function BoardFilters({ values, users }: { values: Record<string, string>; users: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/board" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3" aria-label="Board filters">
      <FilterSelect id="board-category" name="category" label="Impact area" value={values.category} any="All impact areas" options={CATEGORY_OPTIONS} className="w-52" />
      <FilterSelect
        id="board-owner"
        name="owner"
        label="Owner"
        value={values.owner}
        any="Anyone"
        options={[{ value: "me", label: "Mine" }, ...users.map((u) => ({ value: u.id, label: u.name }))]}
        className="w-44"
      />
      <FilterSelect
        id="board-verdict"
        name="verdict"
        label="Verdict"
        value={values.verdict}
        any="Any verdict"
        options={VERDICT_FILTERS.map((v) => ({ value: v, label: verdictFilterLabel(v) }))}
        className="w-48"
      />
      <div className="flex h-9 items-center gap-2">
        <input id="board-open" type="checkbox" name="open" value="true" defaultChecked={values.open === "true"} className="size-4 accent-blue-700" />
        <label htmlFor="board-open" className="text-sm font-medium text-slate-800">
          Has open items
        </label>
      </div>
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        {Object.keys(values).length ? <ButtonLink href="/board">Clear</ButtonLink> : null}
      </div>
    </form>
  );
}
