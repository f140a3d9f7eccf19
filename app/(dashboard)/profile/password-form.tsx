"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { changePasswordAction } from "@/lib/actions/profile";

export function PasswordForm() {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(changePasswordAction);
  const [saved, setSaved] = useState(false);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const password = String(form.get("password") ?? "");
    setSaved(false);
    run({ current: String(form.get("current") ?? ""), password, confirm: String(form.get("confirm") ?? "") }, async ({ email }) => {
      // The change ended every session, this one included: sign in again with the new password.
      await signIn("credentials", { redirect: false, email, password });
      formEl.reset();
      setSaved(true);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
      {saved ? <Alert kind="success">Password changed. Your other sessions have ended, and any API tokens of yours were revoked.</Alert> : null}
      <Field label="Current password" htmlFor="pw-current" error={fieldError("current")}>
        <Input id="pw-current" name="current" type="password" autoComplete="current-password" error={fieldError("current")} />
      </Field>
      <Field label="New password" htmlFor="pw-new" hint="At least 10 characters." error={fieldError("password")}>
        <Input id="pw-new" name="password" type="password" autoComplete="new-password" error={fieldError("password")} />
      </Field>
      <Field label="Repeat the new password" htmlFor="pw-confirm" error={fieldError("confirm")}>
        <Input id="pw-confirm" name="confirm" type="password" autoComplete="new-password" error={fieldError("confirm")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
