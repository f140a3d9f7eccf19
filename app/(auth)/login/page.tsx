import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/session";
import { env, oidcConfigured } from "@/lib/env";
import { safeReturnPath } from "@/lib/http/return-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  NoAccount: "Your single sign-on account is not on this board. Ask an admin to add your email address.",
  Disabled: "This account is disabled. Ask an admin to re-enable it.",
  Unverified: "Your single sign-on provider has not verified your email address, so it cannot be matched to an account here.",
  OAuthSignin: "Single sign-on could not start. Try again, or sign in with your password.",
  OAuthCallback: "Single sign-on did not complete. Try again, or sign in with your password.",
  SessionRequired: "Sign in to continue.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await sessionActor()) redirect(returnTo);
  const sso = oidcConfigured() ? env().OIDC_DISPLAY_NAME : null;
  return <LoginForm returnTo={returnTo} ssoName={sso} initialError={params.error ? (ERRORS[params.error] ?? null) : null} />;
}
