"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/http/action";
import { applyBulk, bulkInput } from "@/lib/integrations/bulk";
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
