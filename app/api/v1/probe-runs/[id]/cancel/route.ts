import { apiRoute, idParams } from "@/lib/http/api";
import { cancelRun } from "@/lib/probes/enqueue";
import { runProgress, runProgressJson } from "@/lib/probes/read";

/** Cancels what has not started yet; probes already running finish and are kept. */
export const POST = apiRoute({ permission: "probes.cancel", params: idParams }, async ({ actor, params }) => {
  const { cancelled } = await cancelRun(actor, params.id);
  return { cancelled, progress: runProgressJson(await runProgress(actor, params.id)) };
});
