"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { createTokenAction } from "@/lib/actions/tokens";

export function CreateTokenForm() {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(createTokenAction);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const days = String(form.get("expiresInDays") ?? "").trim();
    run({ name: String(form.get("name") ?? ""), expiresInDays: days ? days : null }, (data) => {
      setCreated(data);
      formEl.reset();
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {created ? (
        <Alert kind="success" title={`Token "${created.name}" created`}>
          <p>Copy it now: it will not be shown again.</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-300" data-testid="token-secret">
            {created.secret}
          </code>
          <div className="mt-2 flex gap-3">
            <button type="button" className="text-xs font-medium underline" onClick={() => navigator.clipboard?.writeText(created.secret)}>
              Copy
            </button>
            <button type="button" className="text-xs font-medium underline" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
        <Field label="Name" htmlFor="token-name" hint="What uses it, e.g. “nightly export”." error={fieldError("name")}>
          <Input id="token-name" name="name" error={fieldError("name")} />
        </Field>
        <Field label="Expires after (days)" htmlFor="token-days" hint="Leave empty for no expiry." error={fieldError("expiresInDays")}>
          <Input id="token-days" name="expiresInDays" inputMode="numeric" error={fieldError("expiresInDays")} />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}
