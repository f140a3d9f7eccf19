import { apiRoute, idParams } from "@/lib/http/api";
import { getCampaign, setActiveCampaign } from "@/lib/campaigns/service";

/** Makes this campaign the active one (the countdown and verdicts follow it). */
export const POST = apiRoute({ permission: "campaigns.manage", params: idParams }, async ({ actor, params }) => {
  await setActiveCampaign(actor, params.id);
  return getCampaign(actor, params.id);
});
