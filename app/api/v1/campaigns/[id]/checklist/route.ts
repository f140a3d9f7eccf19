import { apiRoute, idParams } from "@/lib/http/api";
import { getCampaignChecklist } from "@/lib/checklists/items";

/** The campaign's own checklist (admins tick it through PATCH /api/v1/checklist-items/:id). */
export const GET = apiRoute({ permission: "checklists.read", params: idParams }, async ({ actor, params }) => getCampaignChecklist(actor, params.id));
