import { apiRoute, idParams } from "@/lib/http/api";
import { updateTemplate } from "@/lib/checklists/templates";
import { templateChanges } from "@/lib/checklists/schemas";

/** Reword, reorder (`position`) or retire (`retired: true`), with the `version` you read; 409 with `error.current` when stale. */
export const PATCH = apiRoute({ permission: "checklists.manage", params: idParams, body: templateChanges }, async ({ actor, params, body }) =>
  updateTemplate(actor, params.id, body),
);
