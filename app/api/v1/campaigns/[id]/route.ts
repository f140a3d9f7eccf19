import { apiRoute, idParams } from "@/lib/http/api";
import { getCampaign, updateCampaign } from "@/lib/campaigns/service";
import { acceptingLegacyFloorName, updateCampaignInput } from "@/lib/campaigns/schemas";

export const GET = apiRoute({ permission: "campaigns.read", params: idParams }, async ({ actor, params }) => getCampaign(actor, params.id));

const patchBody = acceptingLegacyFloorName(updateCampaignInput.omit({ id: true }));

export const PATCH = apiRoute({ permission: "campaigns.manage", params: idParams, body: patchBody }, async ({ actor, params, body }) => {
  await updateCampaign(actor, { ...body, id: params.id });
  return getCampaign(actor, params.id);
});
