"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { updateChecklistTemplateAction } from "@/lib/actions/checklists";
import type { TemplateView } from "@/lib/checklists/templates";
import { TemplateFields, readTemplateForm } from "./template-fields";

/** One current item of a checklist: move it, reword it, or retire it (its ticks are kept). */
export function TemplateRow({ template, index, count }: { template: TemplateView; index: number; count: number }) {
  const router = useRouter();
  const { run, pending, error, fieldError, clearError } = useAction(updateChecklistTemplateAction);
  const [editing, setEditing] = useState(false);
  const change = (changes: Record<string, unknown>, after?: () => void) =>
    run({ id: template.id, version: template.version, ...changes }, () => {
      after?.();
      router.refresh();
    });

  return (
    <li className="py-3" data-testid="template-row">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium text-slate-900">
            <span className="mr-2 text-slate-500">{index}.</span>
            {template.title}
          </p>
          <div className="mt-1 flex flex-wrap gap-1.5">
            {template.required ? null : <Badge>Optional</Badge>}
            {template.verification ? <Badge tone="blue">Verification</Badge> : null}
            {template.evidence !== "none" ? <Badge tone="blue">Needs a {template.evidence}</Badge> : null}
            {template.automatic ? <Badge tone="violet">Ticked by a probe</Badge> : null}
            <span className="text-xs text-slate-600">
              done on {template.items.done} of {template.items.total}
            </span>
          </div>
          {template.guidance && !editing ? <p className="mt-1 line-clamp-2 text-sm text-slate-600">{template.guidance}</p> : null}
        </div>
        <div className="flex flex-wrap gap-1">
          <Button size="sm" variant="ghost" disabled={pending || index === 1} onClick={() => change({ position: index - 1 })} aria-label={`Move “${template.title}” up`}>
            ↑ Up
          </Button>
          <Button size="sm" variant="ghost" disabled={pending || index === count} onClick={() => change({ position: index + 1 })} aria-label={`Move “${template.title}” down`}>
            ↓ Down
          </Button>
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => {
              clearError();
              setEditing((e) => !e);
            }} aria-expanded={editing}>
            {editing ? "Close" : "Reword"}
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            onClick={() => {
              if (window.confirm(`Retire “${template.title}”? It leaves every checklist; what was ticked stays in the history.`)) change({ retired: true });
            }}
          >
            Retire
          </Button>
        </div>
      </div>
      {editing ? (
        <form
          className="mt-3 space-y-3 rounded-md bg-slate-50 p-3"
          aria-label={`Reword “${template.title}”`}
          onSubmit={(e) => {
            e.preventDefault();
            const { automatic: _automatic, ...values } = readTemplateForm(e.currentTarget);
            change(values, () => setEditing(false));
          }}
        >
          <TemplateFields idPrefix={`edit-${template.id}`} values={{ ...template, automatic: Boolean(template.automatic) }} fieldError={fieldError} />
          <Button type="submit" size="sm" disabled={pending}>
            Save
          </Button>
        </form>
      ) : null}
      {error && !(editing && error.fields) ? (
        <div className="mt-2">
          <Alert kind="error">{error.message}</Alert>
        </div>
      ) : null}
    </li>
  );
}
