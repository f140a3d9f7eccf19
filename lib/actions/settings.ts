"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/http/action";
import { probeSettingsInput, updateProbeSettings } from "@/lib/probes/settings-admin";

export const updateProbeSettingsAction = serverAction({ permission: "settings.manage", input: probeSettingsInput }, async (input, actor) => {
  const saved = await updateProbeSettings(actor, input);
  revalidatePath("/admin/settings");
  return { reprobeInterval: saved.reprobeInterval };
});
