"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { acceptInviteAction } from "@/lib/actions/invite";

export function InviteForm({ token, email, name }: { token: string; email: string; name: string }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(acceptInviteAction);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    run({ token, password, confirm: String(form.get("confirm") ?? "") }, async () => {
      const result = await signIn("credentials", { redirect: false, email, password });
      router.replace(result?.ok ? "/" : "/login");
      router.refresh();
    });
  }

  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold">Welcome, {name}</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">Choose a password for {email}.</p>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
        {fieldError("token") ? <Alert kind="error">{error?.message}</Alert> : null}
        <Field label="New password" htmlFor="password" hint="At least 10 characters." error={fieldError("password")}>
          <Input id="password" name="password" type="password" autoComplete="new-password" error={fieldError("password")} />
        </Field>
        <Field label="Repeat it" htmlFor="confirm" error={fieldError("confirm")}>
          <Input id="confirm" name="confirm" type="password" autoComplete="new-password" error={fieldError("confirm")} />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Saving…" : "Set password and sign in"}
        </Button>
      </form>
    </Card>
  );
}
