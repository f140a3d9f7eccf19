import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "./permissions";

/**
 * Re-reads the user behind a session or token on every request, so a demotion, a disabled
 * account or a password change (which bumps sessionVersion) takes effect at once.
 */
export async function loadActor(
  userId: string,
  via: Actor["via"],
  sessionVersion?: number,
): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, via };
}
