"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { formatInstant, toUtcInputValue } from "@/lib/format";
import { changeMilestoneAction } from "@/lib/actions/campaigns";

/** Moves a milestone's date; a reason is required and goes into the history. */
export function MilestoneDateForm({ milestoneId, version, dueAt, name }: { milestoneId: string; version: number; dueAt: string; name: string }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(changeMilestoneAction);
  const [saved, setSaved] = useState<string | null>(null);
  const slug = milestoneId.slice(0, 8);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const local = String(form.get("dueAt") ?? "");
    setSaved(null);
    run(
      { milestoneId, version, dueAt: local ? `${local}:00Z` : "", reason: String(form.get("reason") ?? "") },
      (data) => {
        setSaved(`${name} moved to ${formatInstant(data.dueAt)}.`);
        (e.target as HTMLFormElement).reset();
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] sm:items-start" noValidate>
      <Field label="New date (UTC)" htmlFor={`due-${slug}`} error={fieldError("dueAt")}>
        <Input id={`due-${slug}`} name="dueAt" type="datetime-local" defaultValue={toUtcInputValue(dueAt)} key={dueAt} error={fieldError("dueAt")} />
      </Field>
      <Field label="Reason for the change" htmlFor={`reason-${slug}`} error={fieldError("reason")}>
        <Input id={`reason-${slug}`} name="reason" placeholder="e.g. Vendor extended the deadline" error={fieldError("reason")} />
      </Field>
      <div className="sm:pt-6">
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Change date"}
        </Button>
      </div>
      {error && !error.fields ? (
        <div className="sm:col-span-3">
          <Alert kind="error">{error.message}</Alert>
        </div>
      ) : null}
      {saved ? (
        <div className="sm:col-span-3">
          <Alert kind="success">{saved}</Alert>
        </div>
      ) : null}
    </form>
  );
}
