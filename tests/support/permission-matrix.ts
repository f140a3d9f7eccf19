// What each role may do, written out by hand from the roles table in README.md and
// /work/shared/DESIGN.md. The permission tests compare the app against this, never against
// lib/auth/permissions.ts itself: a wrong entry in the app's table must fail them.
// all: any record; own: records the user owns (or runs they started); none: refused.
import type { Permission, Role, Scope } from "@/lib/auth/permissions";

export const EXPECTED_PERMISSIONS: Record<Permission, Record<Role, Scope>> = {
  "profile.edit": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "users.directory": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "users.manage": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "campaigns.read": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "campaigns.manage": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "audit.read": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "tokens.manage": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "settings.manage": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "integrations.read": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "integrations.export": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "integrations.create": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "integrations.edit": { ADMIN: "all", MANAGER: "none", MEMBER: "own" },
  "integrations.reassign": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "integrations.delete": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "integrations.import": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "readiness.override": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "probes.read": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "probes.banners": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "probes.run": { ADMIN: "all", MANAGER: "none", MEMBER: "own" },
  "probes.cancel": { ADMIN: "all", MANAGER: "none", MEMBER: "own" },
  "checklists.read": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "checklists.tick": { ADMIN: "all", MANAGER: "none", MEMBER: "own" },
  "checklists.manage": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "notifications.manage": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
  "history.read": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "loginHistory.read": { ADMIN: "all", MANAGER: "all", MEMBER: "all" },
  "loginHistory.manage": { ADMIN: "all", MANAGER: "none", MEMBER: "none" },
};

/** Permissions an API token may never use, whatever its role: only a browser session manages tokens. */
export const EXPECTED_SESSION_ONLY: readonly Permission[] = ["tokens.manage"];

/** The scope a request gets through an API token (session-only permissions are refused). */
export function expectedViaToken(permission: Permission, role: Role): Scope {
  return EXPECTED_SESSION_ONLY.includes(permission) ? "none" : EXPECTED_PERMISSIONS[permission][role];
}
