import { canAny, type Actor, type Permission, type Role } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

export interface NavSection {
  title: string | null;
  items: NavItem[];
}

/** Navigation as data; each role sees only what it may use (the pages check again on the server). */
export const NAVIGATION: NavSection[] = [
  {
    title: null,
    items: [
      { href: "/board", label: "Board", permission: "checklists.read" },
      { href: "/my-work", label: "My work", permission: "checklists.tick" },
      { href: "/overview", label: "Overview", permission: "campaigns.read" },
      { href: "/charts", label: "Charts", permission: "history.read" },
      { href: "/integrations", label: "Inventory", permission: "integrations.read" },
      { href: "/probe-runs", label: "Probe runs", permission: "probes.read" },
      { href: "/login-history", label: "Login History", permission: "loginHistory.read" },
      { href: "/campaigns", label: "Campaigns", permission: "campaigns.read" },
    ],
  },
  {
    title: "Administration",
    items: [
      { href: "/admin/users", label: "Users", permission: "users.manage" },
      { href: "/admin/tokens", label: "API tokens", permission: "tokens.manage" },
      { href: "/admin/audit", label: "Audit log", permission: "audit.read" },
      { href: "/admin/settings", label: "Settings", permission: "settings.manage" },
      { href: "/admin/checklists", label: "Checklists", permission: "checklists.manage" },
      { href: "/admin/notifications", label: "Notifications", permission: "notifications.manage" },
      { href: "/admin/deliveries", label: "Delivery log", permission: "notifications.manage" },
    ],
  },
];

export function navigationFor(actor: Pick<Actor, "role">): NavSection[] {
  return NAVIGATION.map((s) => ({ ...s, items: s.items.filter((i) => canAny(actor, i.permission)) })).filter((s) => s.items.length > 0);
}

/** Where managers land at "/": the charts (they watch the trend; they do not tick). */
export const MANAGER_LANDING = "/charts";

/** Where each role lands at "/" and after sign-in: admins the board, members their own work. */
export const LANDING: Record<Role, string> = { ADMIN: "/board", MANAGER: MANAGER_LANDING, MEMBER: "/my-work" };

export function landingFor(actor: Pick<Actor, "role">): string {
  return LANDING[actor.role];
}
