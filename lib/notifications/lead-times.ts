import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";

// When reminders go out: per campaign, the days before each milestone (default 14, 7, 3, 1).

export async function listLeadTimes(actor: Actor) {
  assertCan(actor, "campaigns.manage");
  return db.campaign.findMany({ select: { id: true, name: true, reminderLeadDays: true, milestones: { select: { name: true, dueAt: true }, orderBy: { dueAt: "asc" } } }, orderBy: { createdAt: "asc" } });
}

export async function setLeadTimes(actor: Actor, campaignId: string, leadDays: number[]): Promise<number[]> {
  assertCan(actor, "campaigns.manage");
  return db.$transaction(async (tx) => {
    const before = await tx.campaign.findUnique({ where: { id: campaignId }, select: { name: true, reminderLeadDays: true } });
    if (!before) throw new NotFoundError("Campaign");
    await tx.campaign.update({ where: { id: campaignId }, data: { reminderLeadDays: leadDays, updatedAt: now() } });
    await recordAudit(tx, auditActor(actor), {
      action: "campaign.reminders",
      entityType: "campaign",
      entityId: campaignId,
      summary: `Reminder lead times of "${before.name}": ${leadDays.length ? leadDays.join(", ") + " days" : "none"}`,
      before: { reminderLeadDays: before.reminderLeadDays },
      after: { reminderLeadDays: leadDays },
    });
    return leadDays;
  });
}
