import { apiRoute } from "@/lib/http/api";
import { chartQuery } from "@/lib/history/schemas";
import { burndownSeries } from "@/lib/history/series";

/** `?campaign=&milestone=&category=&owner=`: { data: [{ date, notReady, ready, total, ideal, projected }], projection: { readyOn, daysLate, pacePerDay } }. */
export const GET = apiRoute({ permission: "history.read", query: chartQuery }, async ({ actor, query }) => burndownSeries(actor, query));
