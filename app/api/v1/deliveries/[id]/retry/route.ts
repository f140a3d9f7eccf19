import { apiRoute, idParams } from "@/lib/http/api";
import { retryDelivery } from "@/lib/notifications/log";

export const POST = apiRoute({ permission: "notifications.manage", params: idParams }, async ({ actor, params }) => retryDelivery(actor, params.id));
