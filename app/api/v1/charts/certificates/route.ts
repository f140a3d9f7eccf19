import { apiRoute } from "@/lib/http/api";
import { chartQuery } from "@/lib/history/schemas";
import { chartScope, certificatesSeries } from "@/lib/history/series";

/** `?campaign=&milestone=&category=&owner=`: { day, data: [{ days: 30|60|90, count }] }: certificates expiring within each window. */
export const GET = apiRoute({ permission: "history.read", query: chartQuery }, async ({ actor, query }) => certificatesSeries(await chartScope(actor, query)));
