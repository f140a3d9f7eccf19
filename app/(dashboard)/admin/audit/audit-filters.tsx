import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";

// A plain GET form: the filters live in the URL, so a filtered view can be bookmarked.
export function AuditFilters({
  actors,
  entityTypes,
  current,
}: {
  actors: { id: string; name: string; email: string }[];
  entityTypes: string[];
  current: { actor?: string; entityType?: string; entityId?: string };
}) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
      <FilterSelect
        id="f-actor"
        name="actor"
        label="Actor"
        value={current.actor}
        any="Anyone"
        options={actors.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))}
        className="w-56"
      />
      <FilterSelect id="f-entity" name="entityType" label="Entity" value={current.entityType} any="Any" options={entityTypes.map((t) => ({ value: t, label: t }))} className="w-44" />
      <Field label="Entity id" htmlFor="f-entity-id">
        <Input id="f-entity-id" name="entityId" defaultValue={current.entityId ?? ""} className="w-72" placeholder="optional" />
      </Field>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      <ButtonLink href="?" variant="ghost">
        Clear
      </ButtonLink>
    </form>
  );
}
