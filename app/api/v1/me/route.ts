import { apiRoute } from "@/lib/http/api";
import { PERMISSIONS, can, type Permission } from "@/lib/auth/permissions";

export const GET = apiRoute({ permission: "profile.edit" }, async ({ actor }) => ({
  id: actor.id,
  email: actor.email,
  name: actor.name,
  role: actor.role,
  via: actor.via,
  permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(actor, p) || PERMISSIONS[p][actor.role] === "own"),
}));
