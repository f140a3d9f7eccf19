import { apiRoute, idParams } from "@/lib/http/api";
import { runProgress } from "@/lib/probes/read";

/** Progress of a run: total, its probes counted by outcome (queued, running, cancelled, meets_floor, certificate, below_floor, unreachable), done, finished. */
export const GET = apiRoute({ permission: "probes.read", params: idParams }, async ({ actor, params }) => runProgress(actor, params.id));
