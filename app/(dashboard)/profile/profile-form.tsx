"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { updateProfileAction } from "@/lib/actions/profile";

export function ProfileForm({ name }: { name: string }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(updateProfileAction);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        run({ name: String(new FormData(e.currentTarget).get("name") ?? "") }, () => {
          setSaved(true);
          router.refresh();
        });
      }}
    >
      {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
      {saved ? <Alert kind="success">Saved.</Alert> : null}
      <Field label="Display name" htmlFor="profile-name" error={fieldError("name")}>
        <Input id="profile-name" name="name" defaultValue={name} error={fieldError("name")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
