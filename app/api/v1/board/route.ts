import { apiRoute } from "@/lib/http/api";
import { getBoard } from "@/lib/checklists/board";
import { boardQuery } from "@/lib/checklists/schemas";

/** `?category=&owner=me|<id>&verdict=&open=true&page=&pageSize=`: groups counted by impact area, one page of rows. */
export const GET = apiRoute({ permission: "checklists.read", query: boardQuery }, async ({ actor, query }) => getBoard(actor, query));
