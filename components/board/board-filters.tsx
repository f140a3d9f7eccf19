import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { CATEGORIES, CATEGORY_INFO } from "@/lib/integrations/categories";
import { VERDICT_FILTERS, verdictFilterLabel } from "@/lib/readiness/verdict";

/**
 * The board's filters as a plain GET form: they live in the URL (shareable, back button), work
 * without script, and applying them starts every group at its first page again.
 */
export function BoardFilters({ values, users }: { values: Record<string, string>; users: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/board" className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3" aria-label="Board filters">
      <Field label="Impact area" htmlFor="board-category">
        <Select id="board-category" name="category" defaultValue={values.category ?? ""} className="w-52">
          <option value="">All impact areas</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_INFO[c].label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Owner" htmlFor="board-owner">
        <Select id="board-owner" name="owner" defaultValue={values.owner ?? ""} className="w-44">
          <option value="">Anyone</option>
          <option value="me">Mine</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Verdict" htmlFor="board-verdict">
        <Select id="board-verdict" name="verdict" defaultValue={values.verdict ?? ""} className="w-48">
          <option value="">Any verdict</option>
          {VERDICT_FILTERS.map((v) => (
            <option key={v} value={v}>
              {verdictFilterLabel(v)}
            </option>
          ))}
        </Select>
      </Field>
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
