import { apiRoute } from "@/lib/http/api";
import { chartQuery } from "@/lib/history/schemas";
import { chartScope, protocolsSeries } from "@/lib/history/series";

/** `?campaign=&milestone=&category=&owner=`: { data: [{ date, tls10, tls11, tls12, tls13 }] }: endpoints accepting each version, day by day. */
export const GET = apiRoute({ permission: "history.read", query: chartQuery }, async ({ actor, query }) => protocolsSeries(await chartScope(actor, query)));
