import { apiRoute } from "@/lib/http/api";
import { applyBulk, bulkInput } from "@/lib/integrations/bulk";

/**
 * `{ "action": "set_owner" | "set_status" | "delete", "ids": [...] | "filter": {...}, "ownerId"?, "status"? }`.
 * Each action checks its own permission (owner and delete: admins; status: admins, or members on their own).
 */
export const POST = apiRoute({ permission: "integrations.edit", body: bulkInput }, async ({ actor, body }) => applyBulk(actor, body));
