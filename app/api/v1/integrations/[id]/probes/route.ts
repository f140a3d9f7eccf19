import { apiRoute, idParams } from "@/lib/http/api";
import { enqueueProbes } from "@/lib/probes/enqueue";
import { probeHistory } from "@/lib/probes/read";

/** Queues a probe of this integration's endpoint: 202 with the probe's id (poll GET /api/v1/probes/:id). */
export const POST = apiRoute({ permission: "probes.run", params: idParams }, async ({ actor, params }) => {
  const run = await enqueueProbes(actor, { integrationIds: [params.id] }, "single", "One integration");
  return Response.json({ id: run.probeIds[0], runId: run.runId, status: "queued" }, { status: 202 });
});

/** The integration's probe history, newest first, each with what changed since the previous one. */
export const GET = apiRoute({ permission: "probes.read", params: idParams }, async ({ actor, params }) => ({ data: await probeHistory(actor, params.id) }));
