import { z } from "zod";
import { apiRoute, idParams } from "@/lib/http/api";
import { deleteIntegration, getIntegration, updateIntegration } from "@/lib/integrations/service";
import { integrationChanges } from "@/lib/integrations/schemas";

export const GET = apiRoute({ permission: "integrations.read", params: idParams }, async ({ actor, params }) => getIntegration(actor, params.id));

/** Send the `version` you read; a stale one gets 409 with the current values in `error.current`. */
export const PATCH = apiRoute({ permission: "integrations.edit", params: idParams, body: integrationChanges }, async ({ actor, params, body }) =>
  updateIntegration(actor, params.id, body),
);

const deleteQuery = z.object({ version: z.coerce.number().int().min(1, "must be a positive integer").optional() });

export const DELETE = apiRoute({ permission: "integrations.delete", params: idParams, query: deleteQuery }, async ({ actor, params, query }) => {
  await deleteIntegration(actor, params.id, query.version);
});
