"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/http/action";
import {
  addMilestone,
  changeMilestoneDate,
  createCampaign,
  setActiveCampaign,
  updateCampaign,
} from "@/lib/campaigns/service";
import { addMilestoneInput, changeMilestoneInput, createCampaignInput, updateCampaignInput } from "@/lib/campaigns/schemas";

export const createCampaignAction = serverAction({ permission: "campaigns.manage", input: createCampaignInput }, async (input, actor) => {
  const created = await createCampaign(actor, input);
  revalidatePath("/", "layout");
  return created;
});

export const updateCampaignAction = serverAction({ permission: "campaigns.manage", input: updateCampaignInput }, async (input, actor) => {
  const result = await updateCampaign(actor, input);
  revalidatePath("/", "layout");
  return result;
});

export const setActiveCampaignAction = serverAction(
  { permission: "campaigns.manage", input: z.object({ id: z.string().uuid("must be a valid id") }) },
  async ({ id }, actor) => {
    await setActiveCampaign(actor, id);
    revalidatePath("/", "layout");
    return { id };
  },
);

export const changeMilestoneAction = serverAction({ permission: "campaigns.manage", input: changeMilestoneInput }, async (input, actor) => {
  const m = await changeMilestoneDate(actor, input);
  revalidatePath("/", "layout");
  return { id: m.id, dueAt: m.dueAt.toISOString(), version: m.version };
});

export const addMilestoneAction = serverAction({ permission: "campaigns.manage", input: addMilestoneInput }, async (input, actor) => {
  const m = await addMilestone(actor, input);
  revalidatePath("/", "layout");
  return { id: m.id };
});
