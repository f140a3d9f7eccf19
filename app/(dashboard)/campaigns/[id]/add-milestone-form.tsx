"use client";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { addMilestoneAction } from "@/lib/actions/campaigns";

export function AddMilestoneForm({ campaignId }: { campaignId: string }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(addMilestoneAction);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const local = String(form.get("dueAt") ?? "");
    run(
      { campaignId, name: String(form.get("name") ?? ""), dueAt: local ? `${local}:00Z` : "", reason: String(form.get("reason") || "Added milestone") },
      () => {
        formEl.reset();
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
      <Field label="Name" htmlFor="new-milestone-name" error={fieldError("name")}>
        <Input id="new-milestone-name" name="name" placeholder="e.g. Sandbox cutoff" error={fieldError("name")} />
      </Field>
      <Field label="Date (UTC)" htmlFor="new-milestone-due" error={fieldError("dueAt")}>
        <Input id="new-milestone-due" name="dueAt" type="datetime-local" error={fieldError("dueAt")} />
      </Field>
      <Field label="Note" htmlFor="new-milestone-reason" hint="Optional: where the date comes from." error={fieldError("reason")}>
        <Input id="new-milestone-reason" name="reason" error={fieldError("reason")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Adding…" : "Add milestone"}
      </Button>
    </form>
  );
}
