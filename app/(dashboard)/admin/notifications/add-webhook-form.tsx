"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { addWebhookAction } from "@/lib/actions/notifications";

export function AddWebhookForm() {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(addWebhookAction);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="space-y-4">
      {secret ? (
        <Alert kind="success" title="Webhook added">
          <p>Its signing secret, shown once: give it to the receiver so it can verify each call.</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-300" data-testid="webhook-secret">
            {secret}
          </code>
          <button type="button" className="mt-2 text-xs font-medium underline" onClick={() => setSecret(null)}>
            Done
          </button>
        </Alert>
      ) : null}
      <form
        className="space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const formEl = e.currentTarget;
          const form = new FormData(formEl);
          run({ name: String(form.get("name") ?? ""), url: String(form.get("url") ?? "") }, (data) => {
            setSecret(data.secret);
            formEl.reset();
            router.refresh();
          });
        }}
      >
        {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
        <Field label="Name" htmlFor="webhook-name" hint="Where it goes, e.g. “#tls-cutover on Slack”." error={fieldError("name")}>
          <Input id="webhook-name" name="name" error={fieldError("name")} />
        </Field>
        <Field label="URL" htmlFor="webhook-url" error={fieldError("url")}>
          <Input id="webhook-url" name="url" type="url" placeholder="https://" error={fieldError("url")} />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add webhook"}
        </Button>
      </form>
    </div>
  );
}
