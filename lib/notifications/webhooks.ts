import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { attemptDelivery, recordDeliveries } from "./deliveries";
import { testMessage } from "./messages";
import { webhookAddress, webhookPolicy } from "./webhook-target";

// Admins manage webhooks: add (the signing secret is shown once), enable or disable, send a test.

export async function listWebhooks(actor: Actor) {
  assertCan(actor, "notifications.manage");
  return db.webhook.findMany({
    select: { id: true, name: true, url: true, enabled: true, createdAt: true, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
}
export type WebhookView = Awaited<ReturnType<typeof listWebhooks>>[number];

export async function addWebhook(actor: Actor, input: { name: string; url: string }): Promise<{ id: string; secret: string }> {
  assertCan(actor, "notifications.manage");
  // Refused now when the target policy forbids its address, rather than failing at every send. A
  // name that does not resolve here is kept (the worker's DNS may know it): the delivery log says.
  const target = await webhookAddress(input.url, await webhookPolicy());
  if (!target.ok && target.refused) throw new ValidationError("The webhook's address is not allowed by the target policy.", { url: target.reason });
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const at = now();
  const hook = await db.$transaction(async (tx) => {
    const created = await tx.webhook.create({ data: { ...input, secret, createdById: actor.id, createdAt: at, updatedAt: at }, select: { id: true } });
    await recordAudit(tx, auditActor(actor), {
      action: "webhook.add",
      entityType: "webhook",
      entityId: created.id,
      summary: `Added webhook "${input.name}"`,
      after: input,
    });
    return created;
  });
  return { id: hook.id, secret };
}

export async function setWebhookEnabled(actor: Actor, id: string, enabled: boolean): Promise<void> {
  assertCan(actor, "notifications.manage");
  await db.$transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id }, select: { name: true, enabled: true } });
    if (!before) throw new NotFoundError("Webhook");
    await tx.webhook.update({ where: { id }, data: { enabled, updatedAt: now() } });
    await recordAudit(tx, auditActor(actor), {
      action: enabled ? "webhook.enable" : "webhook.disable",
      entityType: "webhook",
      entityId: id,
      summary: `${enabled ? "Enabled" : "Disabled"} webhook "${before.name}"`,
      before: { enabled: before.enabled },
      after: { enabled },
    });
  });
}

/** Sends a sample payload now and records it in the delivery log; returns what the receiver answered. */
export async function sendTestWebhook(actor: Actor, id: string) {
  assertCan(actor, "notifications.manage");
  const hook = await db.webhook.findUnique({ where: { id }, select: { id: true, name: true, url: true } });
  if (!hook) throw new NotFoundError("Webhook");
  const at = now();
  const [deliveryId] = await recordDeliveries(
    [{ occasion: `test:${at.toISOString()}:${randomBytes(4).toString("hex")}`, message: testMessage(hook.name, actor.name, at), recipient: { channel: "webhook", webhookId: hook.id, url: hook.url } }],
    { send: false },
  );
  const result = await attemptDelivery(deliveryId, { manual: true });
  return { deliveryId, ...result };
}
