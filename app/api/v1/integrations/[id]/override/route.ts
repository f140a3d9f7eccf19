import { apiRoute, idParams } from "@/lib/http/api";
import { overrideInput, setOverride } from "@/lib/readiness/override";

/** `{ "ready": true, "reason": "...", "version": n }` declares it ready; `{ "ready": false, "version": n }` withdraws that. */
export const PUT = apiRoute({ permission: "readiness.override", params: idParams, body: overrideInput }, async ({ actor, params, body }) =>
  setOverride(actor, params.id, body),
);
