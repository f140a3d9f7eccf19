import { apiRoute, idParams } from "@/lib/http/api";
import { getDelivery } from "@/lib/notifications/log";

export const GET = apiRoute({ permission: "notifications.manage", params: idParams }, async ({ actor, params }) => getDelivery(actor, params.id));
