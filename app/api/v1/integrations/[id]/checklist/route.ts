import { apiRoute, idParams } from "@/lib/http/api";
import { getIntegrationChecklist } from "@/lib/checklists/items";
import { checklistQuery } from "@/lib/checklists/schemas";

/** `?campaign=<id>` (default: the active campaign): `{ data: [items], progress: { done, required, total } }`. */
export const GET = apiRoute({ permission: "checklists.read", params: idParams, query: checklistQuery }, async ({ actor, params, query }) =>
  getIntegrationChecklist(actor, params.id, query.campaign),
);
