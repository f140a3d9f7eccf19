import { apiRoute, idParams } from "@/lib/http/api";
import { tickItem } from "@/lib/checklists/tick";
import { tickInput } from "@/lib/checklists/schemas";

/** `{ done, note?, evidenceUrl?, version }`: 200 with the item; 403, 404, 409 (`error.current`), 422 (`fields`). */
export const PATCH = apiRoute({ permission: "checklists.tick", params: idParams, body: tickInput }, async ({ actor, params, body }) =>
  tickItem(actor, params.id, body),
);
