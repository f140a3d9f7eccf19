import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";

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
      <Field label="Actor" htmlFor="f-actor">
        <Select id="f-actor" name="actor" defaultValue={current.actor ?? ""} className="w-56">
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Entity" htmlFor="f-entity">
        <Select id="f-entity" name="entityType" defaultValue={current.entityType ?? ""} className="w-44">
          <option value="">Any</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
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
