import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { enqueueProbes } from "@/lib/probes/enqueue";
import { bulkFilterSchema } from "@/lib/integrations/bulk";

const body = z
  .object({
    integrationIds: z.array(z.string().uuid("must be integration ids")).min(1, "select at least one integration").max(20_000).optional(),
    filter: bulkFilterSchema.optional(),
  })
  .refine((v) => (v.integrationIds ? 1 : 0) + (v.filter ? 1 : 0) === 1, { message: "send either integrationIds or filter", path: ["integrationIds"] });

/** Queues probes of many integrations as one run: 202 with the run's id (poll GET /api/v1/probe-runs/:id). */
export const POST = apiRoute({ permission: "probes.run", body }, async ({ actor, body }) => {
  const run = body.integrationIds
    ? await enqueueProbes(actor, { integrationIds: body.integrationIds }, "bulk", `${body.integrationIds.length} selected integrations`)
    : await enqueueProbes(actor, { filter: body.filter! }, "bulk", "Every integration matching a filter");
  return Response.json({ runId: run.runId, total: run.total, skipped: run.skipped }, { status: 202 });
});
