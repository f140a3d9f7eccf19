"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { FloorField } from "../floor-field";
import { createCampaignAction } from "@/lib/actions/campaigns";

interface Row {
  key: number;
  name: string;
  dueAt: string;
}

/** `checklistsFrom`: the campaign whose checklists the new one may start from (the active one). */
export function NewCampaignForm({ checklistsFrom }: { checklistsFrom: { id: string; name: string } | null }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(createCampaignAction);
  const [rows, setRows] = useState<Row[]>([{ key: 0, name: "Production cutoff", dueAt: "" }]);

  function update(key: number, patch: Partial<Row>) {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    run(
      {
        name: String(form.get("name") ?? ""),
        description: String(form.get("description") ?? ""),
        floor: String(form.get("floor") ?? ""),
        makeActive: form.get("makeActive") === "on",
        copyChecklistsFrom: checklistsFrom && form.get("copyChecklists") === "on" ? checklistsFrom.id : null,
        milestones: rows.map((r) => ({ name: r.name, dueAt: r.dueAt ? `${r.dueAt}:00Z` : "" })),
      },
      (created) => router.push(`/campaigns/${created.id}`),
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
      {error?.fields ? <Alert kind="error">{error.message}</Alert> : null}
      <Field label="Name" htmlFor="name" error={fieldError("name")}>
        <Input id="name" name="name" placeholder="e.g. TLS 1.2 floor" error={fieldError("name")} />
      </Field>
      <FloorField id="floor" defaultValue="TLSv1.2" error={fieldError("floor")} />
      <Field label="Description" htmlFor="description">
        <Textarea id="description" name="description" rows={3} />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Milestones (UTC)</legend>
        {fieldError("milestones") ? <p className="text-sm text-red-700">{fieldError("milestones")}</p> : null}
        {rows.map((r, i) => (
          <div key={r.key} className="grid grid-cols-[1fr_14rem_auto] items-start gap-2">
            <Input
              aria-label={`Milestone ${i + 1} name`}
              value={r.name}
              onChange={(e) => update(r.key, { name: e.target.value })}
              error={fieldError(`milestones.${i}.name`)}
            />
            <Input
              aria-label={`Milestone ${i + 1} date`}
              type="datetime-local"
              value={r.dueAt}
              onChange={(e) => update(r.key, { dueAt: e.target.value })}
              error={fieldError(`milestones.${i}.dueAt`)}
            />
            <Button variant="ghost" size="sm" disabled={rows.length === 1} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
              Remove
            </Button>
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => setRows((rs) => [...rs, { key: Date.now(), name: "", dueAt: "" }])}>
          Add another milestone
        </Button>
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="makeActive" className="size-4" /> Make it the active campaign
      </label>
      {checklistsFrom ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="copyChecklists" defaultChecked className="size-4" /> Start its checklists as a copy of those of “{checklistsFrom.name}”
        </label>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create campaign"}
      </Button>
    </form>
  );
}
