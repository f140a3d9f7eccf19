"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { createChecklistTemplateAction } from "@/lib/actions/checklists";
import type { Category } from "@/lib/integrations/categories";
import { TemplateFields, readTemplateForm } from "./template-fields";

/** Adds an item at the end of a checklist: every integration of the category gets it, open. */
export function AddTemplateForm({ campaignId, category, label, probeable }: { campaignId: string; category: Category | null; label: string; probeable: boolean }) {
  const router = useRouter();
  const { run, pending, error, fieldError, clearError } = useAction(createChecklistTemplateAction);
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  if (!open) {
    return (
      <div className="space-y-2">
        {added ? <Alert kind="success">{added}</Alert> : null}
        <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
          Add an item to the {label}
        </Button>
      </div>
    );
  }
  return (
    <form
      className="space-y-3 rounded-md border border-slate-200 p-3"
      aria-label={`Add an item to the ${label}`}
      onSubmit={(e) => {
        e.preventDefault();
        const { automatic, ...values } = readTemplateForm(e.currentTarget);
        run({ ...values, campaignId, category, automatic: automatic ? "probe_meets_floor" : null }, (t) => {
          setAdded(`Added “${t.title}”${category ? `: open on ${t.items.total} integration${t.items.total === 1 ? "" : "s"}` : ""}.`);
          setOpen(false);
          router.refresh();
        });
      }}
    >
      <TemplateFields idPrefix={`add-${category ?? "campaign"}`} fieldError={fieldError} allowAutomatic={probeable} />
      {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          Add item
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            clearError();
            setOpen(false);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
