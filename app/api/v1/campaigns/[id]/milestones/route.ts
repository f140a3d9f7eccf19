import { apiRoute, idParams } from "@/lib/http/api";
import { addMilestone } from "@/lib/campaigns/service";
import { addMilestoneInput } from "@/lib/campaigns/schemas";

const body = addMilestoneInput.omit({ campaignId: true });

export const POST = apiRoute({ permission: "campaigns.manage", params: idParams, body }, async ({ actor, params, body }) => {
  const milestone = await addMilestone(actor, { ...body, campaignId: params.id });
  return Response.json(milestone, { status: 201 });
});
