"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/http/action";
import { applyBulk, bulkFilterSchema, bulkInput } from "@/lib/integrations/bulk";
import { enqueueProbes } from "@/lib/probes/enqueue";
import { overrideInput, setOverride } from "@/lib/readiness/override";
import { createIntegration, deleteIntegration, updateIntegration } from "@/lib/integrations/service";
import { createIntegrationInput, integrationChanges } from "@/lib/integrations/schemas";

const id = z.string().uuid("must be a valid id");

export const createIntegrationAction = serverAction({ permission: "integrations.create", input: createIntegrationInput }, async (input, actor) => {
  const row = await createIntegration(actor, input);
  revalidatePath("/", "layout");
  return { id: row.id };
});

export const updateIntegrationAction = serverAction(
  { permission: "integrations.edit", input: z.object({ id, changes: integrationChanges }) },
  async ({ id, changes }, actor) => {
    const row = await updateIntegration(actor, id, changes);
    revalidatePath("/", "layout");
    return { id: row.id, version: row.version };
  },
);

export const deleteIntegrationAction = serverAction(
  { permission: "integrations.delete", input: z.object({ id, version: z.number().int().min(1).optional() }) },
  async ({ id, version }, actor) => {
    await deleteIntegration(actor, id, version);
    revalidatePath("/", "layout");
    return { id };
  },
);

export const bulkIntegrationsAction = serverAction({ permission: "integrations.edit", input: bulkInput }, async (input, actor) => {
  const result = await applyBulk(actor, input);
  revalidatePath("/", "layout");
  return result;
});

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

export const overrideAction = serverAction(
  { permission: "readiness.override", input: z.object({ id, override: overrideInput }) },
  async ({ id, override }, actor) => {
    const result = await setOverride(actor, id, override);
    revalidatePath("/", "layout");
    return result;
  },
);
