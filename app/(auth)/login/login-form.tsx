"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";

const GENERIC = "Signing in failed on the server. Try again; if it keeps failing, tell an admin.";

/**
 * What to tell the person. The server's own sentences (wrong password, throttled, busy) are shown
 * as they are; next-auth's bare codes and anything else become a generic message, never raw text.
 */
function messageFor(result: { error: string | null; status: number } | undefined): string {
  if (!result) return GENERIC;
  if (result.error === "CredentialsSignin") return "Wrong email or password.";
  if (result.status === 503) return "The server is busy. Wait a few seconds and sign in again.";
  if (result.error && /^[A-Z][^\n]{0,200}\.$/.test(result.error) && result.error.includes(" ")) return result.error;
  return GENERIC;
}

export function LoginForm({ returnTo, ssoName, initialError }: { returnTo: string; ssoName: string | null; initialError: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (!result || result.error) {
        setError(messageFor(result));
        setPending(false);
        return;
      }
      router.replace(returnTo);
      router.refresh();
    } catch {
      setError("The server could not be reached or is busy. Check your connection and try again in a few seconds.");
      setPending(false);
    }
  }

  return (
    <Card className="p-6">
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {error ? <Alert kind="error">{error}</Alert> : null}
        <Field label="Email" htmlFor="email">
          <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
        </Field>
        <Field label="Password" htmlFor="password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {ssoName ? (
        <>
          <div className="my-4 flex items-center gap-3 text-xs text-slate-500">
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl: returnTo })}>
            Sign in with {ssoName}
          </Button>
        </>
      ) : null}
    </Card>
  );
}
