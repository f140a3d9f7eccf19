"use server";
import { z } from "zod";
import { serverAction } from "@/lib/http/action";
import { bulkFilterSchema } from "@/lib/integrations/bulk";
import { enqueueProbes } from "@/lib/probes/enqueue";

const id = z.string().uuid("must be a valid id");

export const probeIntegrationAction = serverAction({ permission: "probes.run", input: z.object({ id }) }, async ({ id }, actor) => {
  const run = await enqueueProbes(actor, { integrationIds: [id] }, "single", "One integration");
  return { probeId: run.probeIds[0], runId: run.runId };
});

export const probeManyAction = serverAction(
  {
    permission: "probes.run",
    input: z
      .object({ integrationIds: z.array(id).min(1).max(20_000).optional(), filter: bulkFilterSchema.optional() })
      .refine((v) => (v.integrationIds ? 1 : 0) + (v.filter ? 1 : 0) === 1, { message: "send either integrationIds or filter", path: ["integrationIds"] }),
  },
  async (input, actor) => {
    const run = input.integrationIds
      ? await enqueueProbes(actor, { integrationIds: input.integrationIds }, "bulk", `${input.integrationIds.length} selected integrations`)
      : await enqueueProbes(actor, { filter: input.filter! }, "bulk", "Every integration matching a filter");
    return { runId: run.runId, total: run.total, skipped: run.skipped };
  },
);
