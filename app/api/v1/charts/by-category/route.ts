import { apiRoute } from "@/lib/http/api";
import { chartQuery } from "@/lib/history/schemas";
import { chartScope, byCategory } from "@/lib/history/series";

/** `?campaign=&milestone=&category=&owner=`: { day, data: [{ category, label, total, ready_proven, ready_declared, not_ready, … }] } on the newest snapshot day. */
export const GET = apiRoute({ permission: "history.read", query: chartQuery }, async ({ actor, query }) => byCategory(await chartScope(actor, query)));
