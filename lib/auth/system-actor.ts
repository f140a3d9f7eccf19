import type { Actor } from "./permissions";

/**
 * The actor for work nobody signed in to do: the scheduled re-probe, and the command line that
 * creates the first admin. It is never a user row; records it makes name "system" as their actor.
 */
export const SYSTEM_ACTOR: Actor = { id: "00000000-0000-0000-0000-000000000000", email: "system", name: "System", role: "ADMIN", via: "token" };

export function isSystem(actor: Pick<Actor, "id">): boolean {
  return actor.id === SYSTEM_ACTOR.id;
}
