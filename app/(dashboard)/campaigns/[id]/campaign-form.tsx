"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import type { TlsVersionName } from "@/lib/tls-probe/versions";
import { FloorField } from "../floor-field";
import { updateCampaignAction } from "@/lib/actions/campaigns";

export function CampaignForm(props: { id: string; version: number; name: string; description: string; floor: TlsVersionName }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(updateCampaignAction);
  const [saved, setSaved] = useState(false);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setSaved(false);
    run(
      {
        id: props.id,
        version: props.version,
        name: String(form.get("name") ?? ""),
        description: String(form.get("description") ?? ""),
        floor: String(form.get("floor") ?? ""),
      },
      () => {
        setSaved(true);
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate key={props.version}>
      {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
      {saved ? <Alert kind="success">Saved.</Alert> : null}
      <Field label="Name" htmlFor="campaign-name" error={fieldError("name")}>
        <Input id="campaign-name" name="name" defaultValue={props.name} error={fieldError("name")} />
      </Field>
      <FloorField id="campaign-floor" defaultValue={props.floor} error={fieldError("floor")} />
      <Field label="Description" htmlFor="campaign-description" error={fieldError("description")}>
        <Textarea id="campaign-description" name="description" rows={4} defaultValue={props.description} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
