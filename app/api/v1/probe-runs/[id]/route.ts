import { apiRoute, idParams } from "@/lib/http/api";
import { runProgress, runProgressJson } from "@/lib/probes/read";

/**
 * Progress of a run: total, its probes counted by outcome (`outcomes`: queued, running, cancelled,
 * meets_floor, certificate, below_floor, unreachable), done, finished; and the earlier top-level
 * counts (queued, running, cancelled, failed, ready).
 */
export const GET = apiRoute({ permission: "probes.read", params: idParams }, async ({ actor, params }) => runProgressJson(await runProgress(actor, params.id)));
