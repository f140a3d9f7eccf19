import { z } from "zod";
import { apiRoute, idParams } from "@/lib/http/api";
import { setLeadTimes } from "@/lib/notifications/lead-times";
import { leadDaysList } from "@/lib/notifications/schemas";

export const PUT = apiRoute({ permission: "campaigns.manage", params: idParams, body: z.object({ leadDays: leadDaysList }) }, async ({ actor, params, body }) => ({
  id: params.id,
  leadDays: await setLeadTimes(actor, params.id, body.leadDays),
}));
