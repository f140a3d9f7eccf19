import { apiRoute } from "@/lib/http/api";
import { addWebhookInput } from "@/lib/notifications/schemas";
import { addWebhook, listWebhooks } from "@/lib/notifications/webhooks";

export const GET = apiRoute({ permission: "notifications.manage" }, async ({ actor }) => ({ data: await listWebhooks(actor) }));

/** The reply carries the signing secret: the only time it is shown. */
export const POST = apiRoute({ permission: "notifications.manage", body: addWebhookInput }, async ({ actor, body }) =>
  Response.json(await addWebhook(actor, body), { status: 201 }),
);
