import { canAny, type Actor, type Permission } from "@/lib/auth/permissions";

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
      { href: "/", label: "Overview", permission: "campaigns.read" },
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
    ],
  },
];

export function navigationFor(actor: Pick<Actor, "role">): NavSection[] {
  return NAVIGATION.map((s) => ({ ...s, items: s.items.filter((i) => canAny(actor, i.permission)) })).filter((s) => s.items.length > 0);
}
