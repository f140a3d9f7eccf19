import "server-only";
import { readRows } from "@/lib/db";
import { isUuid } from "@/lib/errors";
import type { Actor, Role } from "./permissions";

/**
 * Re-reads the user behind a session or token on every request, so a demotion, a disabled
 * account or a password change (which bumps sessionVersion) takes effect at once.
 */
export async function loadActor(
  userId: string,
  via: Actor["via"],
  sessionVersion?: number,
): Promise<Actor | null> {
  if (!isUuid(userId)) return null;
  // Plain SQL: this runs on every request (docs/decisions/0003-hot-reads-in-sql.md).
  const [user] = await readRows<{ id: string; email: string; name: string; role: Role; disabled: boolean; sessionVersion: number; mustChangePassword: boolean }>(
    `SELECT id::text AS id, email, name, role::text AS role, disabled, session_version AS "sessionVersion",
            must_change_password AS "mustChangePassword"
       FROM users WHERE id = $1::uuid`,
    [userId],
  );
  if (!user || user.disabled) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, via, mustChangePassword: user.mustChangePassword };
}
