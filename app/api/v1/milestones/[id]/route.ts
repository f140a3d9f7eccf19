import { apiRoute, idParams } from "@/lib/http/api";
import { changeMilestoneDate } from "@/lib/campaigns/service";
import { changeMilestoneInput } from "@/lib/campaigns/schemas";

const body = changeMilestoneInput.omit({ milestoneId: true });

/** Moves a milestone: `{ "dueAt": "2017-07-22T17:30:00Z", "reason": "...", "version": 1 }`. */
export const PATCH = apiRoute({ permission: "campaigns.manage", params: idParams, body }, async ({ actor, params, body }) =>
  changeMilestoneDate(actor, { ...body, milestoneId: params.id }),
);
