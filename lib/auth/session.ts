import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "./options";
import { loadActor } from "./actor";
import { canAny, mustChangePasswordFirst, type Actor, type Permission } from "./permissions";

/**
 * The signed-in user of this request (browser session), re-read from the database once per
 * request: the layout and the page both ask, React's cache() makes it one lookup.
 */
export const sessionActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  return loadActor(session.uid, "session", session.sv ?? 0);
});

/** For pages: the actor, or a redirect to sign-in. */
export async function requireActor(returnTo?: string): Promise<Actor> {
  const actor = await sessionActor();
  if (!actor) redirect(returnTo ? `/login?callbackUrl=${encodeURIComponent(returnTo)}` : "/login");
  return actor;
}

/**
 * For pages: the actor if the role may use the permission at all, else a 403 page. Someone
 * signed in with a one-time password is sent to choose their own first.
 */
export async function requirePage(permission: Permission, returnTo?: string): Promise<Actor> {
  const actor = await requireActor(returnTo);
  if (mustChangePasswordFirst(actor, permission)) redirect("/profile");
  if (!canAny(actor, permission)) forbidden();
  return actor;
}
