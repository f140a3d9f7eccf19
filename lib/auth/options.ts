import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { env, oidcConfigured } from "@/lib/env";
import { headers } from "next/headers";
import { auditSignIn, normaliseEmail, signInForForm } from "./sign-in";
import { clientAddress } from "./client-address";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const OIDC_PROVIDER_ID = "oidc";

interface SessionClaims {
  uid?: string;
  sv?: number;
}

function oidcProvider(): AuthOptions["providers"] {
  if (!oidcConfigured()) return [];
  const e = env();
  const issuer = e.OIDC_ISSUER!.replace(/\/$/, "");
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: e.OIDC_DISPLAY_NAME,
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? null };
      },
    },
  ];
}

/** Built per request so that a build without configuration still works. */
export function authOptions(): AuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const result = await signInForForm(
            credentials?.email ?? "",
            credentials?.password ?? "",
            clientAddress(req.headers ?? {}),
          );
          // next-auth hands a thrown message back to the sign-in form as `error`.
          if (!result.ok) throw new Error(result.message);
          const { id, email, name, sessionVersion } = result.user;
          return { id, email, name, sv: sessionVersion };
        },
      }),
      ...oidcProvider(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        // An address the provider has not verified proves nothing about who this is.
        const verified = (profile as { email_verified?: boolean | string } | undefined)?.email_verified;
        if (verified !== true && verified !== "true") return "/login?error=Unverified";
        // Single sign-on only admits people an admin has already added, matched by email.
        const email = user.email ? normaliseEmail(user.email) : "";
        const known = email ? await db.user.findUnique({ where: { email }, select: { disabled: true } }) : null;
        if (!known) return "/login?error=NoAccount";
        if (known.disabled) return "/login?error=Disabled";
        return true;
      },
      async jwt({ token, user, account }) {
        const claims = token as typeof token & SessionClaims;
        if (account?.provider === OIDC_PROVIDER_ID && user?.email) {
          // The jwt callback runs with `account` only at sign-in: this is the moment to record it.
          const local = await db.user
            .update({ where: { email: normaliseEmail(user.email) }, data: { lastSignInAt: now() }, select: { id: true, sessionVersion: true } })
            .catch((err: { code?: string }) => {
              if (err.code === "P2025") return null; // removed since the signIn check: no session for it
              throw err;
            });
          if (local) await auditSignIn({ id: local.id, email: normaliseEmail(user.email) }, clientAddress(await headers()), null, "single sign-on");
          claims.uid = local?.id;
          claims.sv = local?.sessionVersion;
        } else if (user) {
          claims.uid = user.id;
          claims.sv = (user as { sv?: number }).sv ?? 0;
        }
        return claims;
      },
      async session({ session, token }) {
        const claims = token as SessionClaims;
        // Only the ids travel to the browser; the role is re-read from the database per request.
        return { expires: session.expires, uid: claims.uid, sv: claims.sv } as typeof session & SessionClaims;
      },
    },
  };
}
