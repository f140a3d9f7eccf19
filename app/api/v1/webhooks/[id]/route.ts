import { z } from "zod";
import { apiRoute, idParams } from "@/lib/http/api";
import { setWebhookEnabled } from "@/lib/notifications/webhooks";

export const PATCH = apiRoute(
  { permission: "notifications.manage", params: idParams, body: z.object({ enabled: z.boolean({ message: "must be true or false" }) }) },
  async ({ actor, params, body }) => {
    await setWebhookEnabled(actor, params.id, body.enabled);
    return { id: params.id, enabled: body.enabled };
  },
);
