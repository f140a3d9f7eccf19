import { apiRoute } from "@/lib/http/api";
import { chartQuery } from "@/lib/history/schemas";
import { chartScope, throughputSeries } from "@/lib/history/series";

/** `?campaign=&milestone=&category=&owner=`: { data: [{ week, total, <category>: n }] }: checklist items ticked per week by impact area. */
export const GET = apiRoute({ permission: "history.read", query: chartQuery }, async ({ actor, query }) => throughputSeries(await chartScope(actor, query)));
