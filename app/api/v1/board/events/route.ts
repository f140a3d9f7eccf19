import { apiRoute } from "@/lib/http/api";
import { boardEventStream } from "@/lib/live/board-events";

// A stream stays open: never cached, never prerendered.
export const dynamic = "force-dynamic";

/**
 * Server-sent events: `change` (data: `{ tables: [...] }`) within about a second of a change to
 * checklist items, probes or integrations, so the board and My work refresh without a reload.
 */
export const GET = apiRoute({ permission: "checklists.read" }, async ({ req }) => boardEventStream(req.signal));
