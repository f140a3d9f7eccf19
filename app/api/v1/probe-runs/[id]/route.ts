import { apiRoute, idParams } from "@/lib/http/api";
import { runProgress } from "@/lib/probes/read";

/** Progress of a run: total, queued, running, done, failed (unreachable), cancelled, ready, finished. */
export const GET = apiRoute({ permission: "probes.read", params: idParams }, async ({ actor, params }) => runProgress(actor, params.id));
