import { apiRoute } from "@/lib/http/api";
import { createCampaign, getCampaign, listCampaigns } from "@/lib/campaigns/service";
import { acceptingLegacyFloorName, createCampaignInput } from "@/lib/campaigns/schemas";

export const GET = apiRoute({ permission: "campaigns.read" }, async ({ actor }) => ({ data: await listCampaigns(actor) }));

export const POST = apiRoute({ permission: "campaigns.manage", body: acceptingLegacyFloorName(createCampaignInput) }, async ({ actor, body }) => {
  const created = await createCampaign(actor, body);
  return Response.json(await getCampaign(actor, created.id), { status: 201 });
});
