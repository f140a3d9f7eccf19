"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { overrideAction } from "@/lib/actions/readiness";

/** Admins only: declare ready without a probe (with how it was verified), or withdraw that. */
export function OverrideForm({ id, version, overridden }: { id: string; version: number; overridden: boolean }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(overrideAction);
  const [open, setOpen] = useState(false);
  if (overridden) {
    return (
      <div className="space-y-2">
        <Button variant="secondary" size="sm" disabled={pending} onClick={() => run({ id, override: { ready: false, version } }, () => router.refresh())}>
          Withdraw the declaration
        </Button>
        {error ? <Alert kind="error">{error.message}</Alert> : null}
      </div>
    );
  }
  if (!open) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        Declare ready without a probe…
      </Button>
    );
  }
  return (
    <form
      className="space-y-2 rounded-md bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        const reason = String(new FormData(e.currentTarget).get("reason") ?? "");
        run({ id, override: { ready: true, reason, version } }, () => {
          setOpen(false);
          router.refresh();
        });
      }}
    >
      <Field label="How was readiness verified?" htmlFor="override-reason" error={fieldError("override.reason")}>
        <Textarea id="override-reason" name="reason" rows={2} placeholder="e.g. All 40 kiosks upgraded to IE 11; checked on tls1test.salesforce.com on 18 Feb" />
      </Field>
      {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          Declare ready
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
