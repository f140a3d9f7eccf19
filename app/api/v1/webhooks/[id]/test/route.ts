import { apiRoute, idParams } from "@/lib/http/api";
import { sendTestWebhook } from "@/lib/notifications/webhooks";

export const POST = apiRoute({ permission: "notifications.manage", params: idParams }, async ({ actor, params }) => sendTestWebhook(actor, params.id));
