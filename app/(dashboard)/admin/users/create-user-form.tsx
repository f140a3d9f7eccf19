"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { createUserAction } from "@/lib/actions/users";
import { SecretNotice, type IssuedSecret } from "./secret-notice";

export function CreateUserForm() {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(createUserAction);
  const [secret, setSecret] = useState<IssuedSecret | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    run(
      {
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? ""),
        role: String(form.get("role") ?? ""),
        credential: String(form.get("credential") ?? "invite"),
      },
      (created) => {
        setSecret(created);
        formEl.reset();
        router.refresh();
      },
    );
  }

  return (
    <div className="space-y-4">
      {secret ? <SecretNotice {...secret} onDismiss={() => setSecret(null)} /> : null}
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
        <Field label="Email" htmlFor="new-user-email" error={fieldError("email")}>
          <Input id="new-user-email" name="email" type="email" error={fieldError("email")} />
        </Field>
        <Field label="Name" htmlFor="new-user-name" error={fieldError("name")}>
          <Input id="new-user-name" name="name" error={fieldError("name")} />
        </Field>
        <Field label="Role" htmlFor="new-user-role" error={fieldError("role")}>
          <Select id="new-user-role" name="role" defaultValue="MEMBER">
            <option value="MEMBER">Member: owns integrations, edits and probes their own</option>
            <option value="MANAGER">Manager: reads everything, changes nothing</option>
            <option value="ADMIN">Admin: everything</option>
          </Select>
        </Field>
        <Field label="How they sign in first" htmlFor="new-user-credential">
          <Select id="new-user-credential" name="credential" defaultValue="invite">
            <option value="invite">A set-up link (they choose a password)</option>
            <option value="password">A one-time password (they change it after signing in)</option>
          </Select>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
      </form>
    </div>
  );
}
