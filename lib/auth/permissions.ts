import { ForbiddenError } from "@/lib/errors";

export type Role = "ADMIN" | "MANAGER" | "MEMBER";
export const ROLES: readonly Role[] = ["ADMIN", "MANAGER", "MEMBER"];

/** all: any record; own: records the user owns; none: refused. */
export type Scope = "all" | "own" | "none";

const ADMIN_ONLY = { ADMIN: "all", MANAGER: "none", MEMBER: "none" } as const;
const EVERYONE = { ADMIN: "all", MANAGER: "all", MEMBER: "all" } as const;
const ADMIN_ALL_MEMBER_OWN = { ADMIN: "all", MANAGER: "none", MEMBER: "own" } as const;

/**
 * The one permissions table. Every page, server action, route handler and data-access function
 * asks it; nothing else decides who may do what. Mirrors the roles table in README.md.
 */
export const PERMISSIONS = {
  "profile.edit": EVERYONE,
  "users.directory": EVERYONE, // names and emails, e.g. to pick an owner or filter by one
  "users.manage": ADMIN_ONLY,
  "campaigns.read": EVERYONE,
  "campaigns.manage": ADMIN_ONLY,
  "audit.read": ADMIN_ONLY,
  "tokens.manage": ADMIN_ONLY,
  "settings.manage": ADMIN_ONLY,
  "integrations.read": EVERYONE,
  "integrations.export": EVERYONE,
  "integrations.create": ADMIN_ONLY,
  "integrations.edit": ADMIN_ALL_MEMBER_OWN,
  "integrations.reassign": ADMIN_ONLY,
  "integrations.delete": ADMIN_ONLY,
  "integrations.import": ADMIN_ONLY,
  "readiness.override": ADMIN_ONLY,
  "probes.read": EVERYONE,
  // What a non-TLS service sent instead of TLS (its banner): admins only (lib/probes/server-replies.ts).
  "probes.banners": ADMIN_ONLY,
  "probes.run": ADMIN_ALL_MEMBER_OWN,
  // Cancelling a run: admins any run, members the runs they started ("own" = requested by them).
  "probes.cancel": ADMIN_ALL_MEMBER_OWN,
  "checklists.read": EVERYONE,
  // Ticking: members the items of integrations they own; campaign-wide items have no owner, so admins only.
  "checklists.tick": ADMIN_ALL_MEMBER_OWN,
  "checklists.manage": ADMIN_ONLY, // templates: add, reorder, reword, retire
  // Webhooks and the delivery log (what was sent to whom); choosing one's own messages is profile.edit.
  "notifications.manage": ADMIN_ONLY,
  // Readiness over time: the charts, their JSON series and the printable report.
  "history.read": EVERYONE,
  "loginHistory.read": EVERYONE, // imports, their progress, and the findings
  "loginHistory.manage": ADMIN_ONLY, // upload, cancel, delete imports; link findings to integrations
} as const satisfies Record<string, Record<Role, Scope>>;

export type Permission = keyof typeof PERMISSIONS;

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** How the request authenticated: a browser session or an API token. */
  via: "session" | "token";
  /** Signed in with a one-time password that must be replaced before anything else. */
  mustChangePassword?: boolean;
}

export function scopeOf(role: Role, permission: Permission): Scope {
  return PERMISSIONS[permission][role];
}

/**
 * Permissions only a browser session may use, whatever the role: an API token cannot create or
 * revoke tokens, so a leaked one cannot mint more (docs/decisions/0007-credential-events-and-api-tokens.md).
 */
export const SESSION_ONLY: ReadonlySet<Permission> = new Set<Permission>(["tokens.manage"]);

export const SESSION_ONLY_MESSAGE = "API tokens cannot manage API tokens: sign in to the board to create or revoke them.";

/** The role's scope, narrowed to none for a session-only permission used through a token. */
function effectiveScope(actor: Pick<Actor, "role"> & Partial<Pick<Actor, "via">>, permission: Permission): Scope {
  if (actor.via === "token" && SESSION_ONLY.has(permission)) return "none";
  return scopeOf(actor.role, permission);
}

/** Whether the actor may use the permission at all (on something, perhaps only what they own). */
export function canAny(actor: Pick<Actor, "role"> & Partial<Pick<Actor, "via">>, permission: Permission): boolean {
  return effectiveScope(actor, permission) !== "none";
}

/** Whether the actor may use the permission on this record. */
export function can(
  actor: Pick<Actor, "id" | "role"> & Partial<Pick<Actor, "via">>,
  permission: Permission,
  record?: { ownerId: string | null },
): boolean {
  const scope = effectiveScope(actor, permission);
  if (scope === "all") return true;
  if (scope === "none") return false;
  return record !== undefined && record.ownerId === actor.id;
}

const DESCRIPTIONS: Partial<Record<Permission, string>> = {
  "integrations.edit": "edit integrations",
  "probes.run": "run probes",
  "checklists.tick": "tick checklist items",
  "probes.cancel": "cancel probe runs",
};

/** What "own" means where it is not "integrations you own": the refusal a scoped role gets instead. */
const OWN_REFUSALS: Partial<Record<Permission, string>> = {
  "probes.cancel": "Only an admin or whoever started the run may cancel it.",
};

export function assertCan(
  actor: Pick<Actor, "id" | "role"> & Partial<Pick<Actor, "via">>,
  permission: Permission,
  record?: { ownerId: string | null },
): void {
  if (can(actor, permission, record)) return;
  if (!canAny(actor, permission) && scopeOf(actor.role, permission) !== "none") throw new ForbiddenError(refusalMessage(actor, permission));
  const scope = scopeOf(actor.role, permission);
  const what = DESCRIPTIONS[permission] ?? `use ${permission}`;
  if (scope === "own" && OWN_REFUSALS[permission]) throw new ForbiddenError(OWN_REFUSALS[permission]);
  throw new ForbiddenError(
    scope === "own"
      ? `As a ${actor.role.toLowerCase()} you may ${what} only for integrations you own.`
      : `Your role (${actor.role.toLowerCase()}) may not ${what}.`,
  );
}

/**
 * The row filter a scoped permission implies, for use inside queries:
 * `where: { ...ownerScope(actor, "integrations.edit") }`. Returns null when nothing is allowed.
 */
export function ownerScope(actor: Pick<Actor, "id" | "role"> & Partial<Pick<Actor, "via">>, permission: Permission): { ownerId?: string } | null {
  const scope = effectiveScope(actor, permission);
  if (scope === "all") return {};
  if (scope === "own") return { ownerId: actor.id };
  return null;
}

/**
 * Someone signed in with a one-time password may only choose their own password (profile.edit)
 * until they have: on pages, API calls with the session cookie and server actions alike. A token
 * of such an account may do nothing at all (a token cannot choose a password).
 */
export function mustChangePasswordFirst(actor: Pick<Actor, "via" | "mustChangePassword">, permission: Permission): boolean {
  if (!actor.mustChangePassword) return false;
  return actor.via === "token" || permission !== "profile.edit";
}

export const CHANGE_PASSWORD_FIRST = "Choose your own password first (on your profile): a one-time password allows nothing else.";
export const TOKEN_WAITS_FOR_PASSWORD = "This token's account signed in with a one-time password and has not chosen its own yet: its tokens work once it has.";

/** Why the actor may not use the permission at all: a session-only permission through a token, or the role. */
export function refusalMessage(actor: Pick<Actor, "role"> & Partial<Pick<Actor, "via">>, permission: Permission): string {
  if (actor.via === "token" && SESSION_ONLY.has(permission) && scopeOf(actor.role, permission) !== "none") return SESSION_ONLY_MESSAGE;
  return "Your role does not allow this.";
}
