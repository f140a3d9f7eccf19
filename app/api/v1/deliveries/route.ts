import { apiRoute } from "@/lib/http/api";
import { listDeliveries } from "@/lib/notifications/log";
import { deliveryListQuery } from "@/lib/notifications/schemas";

export const GET = apiRoute({ permission: "notifications.manage", query: deliveryListQuery }, async ({ actor, query }) => listDeliveries(actor, query));
