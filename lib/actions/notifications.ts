"use server";
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/http/action";
import { setLeadTimes } from "@/lib/notifications/lead-times";
import { retryDelivery } from "@/lib/notifications/log";
import { setMyPreferences } from "@/lib/notifications/preferences";
import { addWebhookInput, deliveryIdInput, leadDaysInput, preferencesInput, setWebhookEnabledInput, webhookIdInput } from "@/lib/notifications/schemas";
import { addWebhook, sendTestWebhook, setWebhookEnabled } from "@/lib/notifications/webhooks";

export const setPreferencesAction = serverAction({ permission: "profile.edit", input: preferencesInput }, async ({ preferences }, actor) => {
  const saved = await setMyPreferences(actor, preferences);
  revalidatePath("/profile");
  return saved;
});

export const addWebhookAction = serverAction({ permission: "notifications.manage", input: addWebhookInput }, async (input, actor) => {
  const created = await addWebhook(actor, input);
  revalidatePath("/admin/notifications");
  return created;
});

export const setWebhookEnabledAction = serverAction({ permission: "notifications.manage", input: setWebhookEnabledInput }, async ({ id, enabled }, actor) => {
  await setWebhookEnabled(actor, id, enabled);
  revalidatePath("/admin/notifications");
  return { id, enabled };
});

export const testWebhookAction = serverAction({ permission: "notifications.manage", input: webhookIdInput }, async ({ id }, actor) => {
  const result = await sendTestWebhook(actor, id);
  revalidatePath("/admin/deliveries");
  return result;
});

export const retryDeliveryAction = serverAction({ permission: "notifications.manage", input: deliveryIdInput }, async ({ id }, actor) => {
  const result = await retryDelivery(actor, id);
  revalidatePath("/admin/deliveries");
  return result;
});

export const setLeadTimesAction = serverAction({ permission: "campaigns.manage", input: leadDaysInput }, async ({ campaignId, leadDays }, actor) => {
  const saved = await setLeadTimes(actor, campaignId, leadDays);
  revalidatePath("/admin/notifications");
  return { campaignId, leadDays: saved };
});
