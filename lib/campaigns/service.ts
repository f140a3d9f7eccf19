import "server-only";
import { z } from "zod";
import { cache } from "react";
import { db, readRows } from "@/lib/db";
import { now } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, ValidationError, isUniqueViolation } from "@/lib/errors";
import { assertCurrentVersion, updateVersioned } from "@/lib/concurrency";
import { displayVersion, fromEnum, toEnum, type TlsVersionEnum, type TlsVersionName } from "@/lib/tls-probe/versions";
import { formatInstant } from "@/lib/format";
import { writeSetting, type SettingDef } from "@/lib/settings/store";
import type { Prisma } from "@/lib/generated/prisma/client";
import { copyChecklists } from "@/lib/checklists/templates";
import { LARGE_CAMPAIGN } from "@/lib/checklists/instantiate";
import { syncAutomaticItemsOfCampaign } from "@/lib/checklists/automatic";
import { ACTIVE_CAMPAIGN_KEY, ACTIVE_ID_SQL } from "./active-sql";
import type { AddMilestoneInput, ChangeMilestoneInput, CreateCampaignInput, UpdateCampaignInput } from "./schemas";

export const ACTIVE_CAMPAIGN: SettingDef<string | null> = {
  key: ACTIVE_CAMPAIGN_KEY,
  schema: z.string().uuid().nullable(),
  fallback: null,
  label: "the active campaign",
};

const milestoneSelect = { id: true, name: true, dueAt: true, version: true } as const;
const campaignSelect = {
  id: true,
  name: true,
  description: true,
  floor: true,
  version: true,
  createdAt: true,
  milestones: { select: milestoneSelect, orderBy: { dueAt: "asc" as const } },
} as const;

type CampaignRow = Prisma.CampaignGetPayload<{ select: typeof campaignSelect }>;

// Prisma spells stored versions as enum names ("TLSv1_1"); everything above the data layer reads TLS names.
function shape<R extends { id: string; floor: TlsVersionEnum }>(row: R, activeId: string | null): Omit<R, "floor"> & { floor: TlsVersionName; active: boolean } {
  return { ...row, floor: fromEnum(row.floor), active: row.id === activeId };
}
export type CampaignView = ReturnType<typeof shape<CampaignRow>>;

export { ACTIVE_ID_SQL };

export async function resolveActiveId(): Promise<string | null> {
  const [row] = await readRows<{ id: string | null }>(`SELECT (${ACTIVE_ID_SQL})::text AS id`);
  return row?.id ?? null;
}

export async function listCampaigns(actor: Actor): Promise<CampaignView[]> {
  assertCan(actor, "campaigns.read");
  const [rows, activeId] = await Promise.all([
    db.campaign.findMany({ select: campaignSelect, orderBy: { createdAt: "asc" } }),
    resolveActiveId(),
  ]);
  return rows.map((r) => shape(r, activeId));
}

/**
 * The active campaign with its milestones, in one query: every page's header needs it, so it is
 * plain SQL and read once per request (React cache()).
 */
export const getActiveCampaign = cache(async (actor: Actor): Promise<CampaignView | null> => {
  assertCan(actor, "campaigns.read");
  const [row] = await readRows<Omit<CampaignRow, "milestones" | "floor"> & { floor: TlsVersionName; milestones: { id: string; name: string; dueAt: string; version: number }[] }>(
    `SELECT c.id::text AS id, c.name, c.description, c.floor_protocol::text AS floor, c.version, c.created_at AS "createdAt",
            coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'dueAt', m.due_at, 'version', m.version) ORDER BY m.due_at)
                     FILTER (WHERE m.id IS NOT NULL), '[]') AS milestones
       FROM campaigns c LEFT JOIN milestones m ON m.campaign_id = c.id
      WHERE c.id = ${ACTIVE_ID_SQL}
      GROUP BY c.id`,
  );
  if (!row) return null;
  const milestones = row.milestones.map((m) => ({ ...m, dueAt: new Date(m.dueAt) }));
  // SQL reads the TLS name ("TLSv1.1"); shape() takes rows as Prisma spells them.
  return shape({ ...row, floor: toEnum(row.floor), milestones } as CampaignRow, row.id);
});

export async function getCampaign(actor: Actor, id: string) {
  assertCan(actor, "campaigns.read");
  const [row, activeId] = await Promise.all([
    db.campaign.findUnique({
      where: { id },
      select: {
        ...campaignSelect,
        milestones: {
          select: {
            ...milestoneSelect,
            changes: {
              select: {
                id: true,
                fromAt: true,
                toAt: true,
                reason: true,
                changedAt: true,
                changedBy: { select: { name: true, email: true } },
              },
              orderBy: { changedAt: "desc" },
            },
          },
          orderBy: { dueAt: "asc" },
        },
      },
    }),
    resolveActiveId(),
  ]);
  if (!row) throw new NotFoundError("Campaign");
  return shape(row, activeId);
}

function duplicateName(name: string): ConflictError {
  return new ConflictError(`A campaign named "${name}" already exists.`, undefined, { name: "is already used" });
}

export async function createCampaign(actor: Actor, input: CreateCampaignInput) {
  assertCan(actor, "campaigns.manage");
  try {
    return await db.$transaction(async (tx) => {
      const at = now();
      const campaign = await tx.campaign.create({
        data: {
          name: input.name,
          description: input.description,
          floor: toEnum(input.floor),
          createdAt: at,
          updatedAt: at,
          milestones: {
            create: input.milestones.map((m) => ({
              name: m.name,
              dueAt: m.dueAt,
              createdAt: at,
              changes: { create: { toAt: m.dueAt, reason: "Created with the campaign", changedById: actor.id, changedAt: at } },
            })),
          },
        },
        select: { id: true, name: true },
      });
      await recordAudit(tx, auditActor(actor), {
        action: "campaign.create",
        entityType: "campaign",
        entityId: campaign.id,
        summary: `Created campaign "${campaign.name}" (floor ${displayVersion(input.floor)})`,
        after: input,
      });
      if (input.makeActive) await writeSetting(tx, actor, ACTIVE_CAMPAIGN, campaign.id);
      if (input.copyChecklistsFrom) {
        const source = await tx.campaign.findUnique({ where: { id: input.copyChecklistsFrom }, select: { id: true } });
        if (!source) throw new ValidationError("The campaign to copy checklists from does not exist.", { copyChecklistsFrom: "is not a campaign" });
        await copyChecklists(tx, source.id, campaign.id, at);
      }
      return campaign;
    }, LARGE_CAMPAIGN);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(input.name);
    throw err;
  }
}

export async function updateCampaign(actor: Actor, input: UpdateCampaignInput) {
  assertCan(actor, "campaigns.manage");
  try {
    return await db.$transaction(async (tx) => {
      const read = () => tx.campaign.findUnique({ where: { id: input.id }, select: { id: true, name: true, description: true, floor: true, version: true } });
      const before = await read();
      if (!before) throw new NotFoundError("Campaign");
      const data = {
        name: input.name ?? before.name,
        description: input.description ?? before.description,
        floor: input.floor ? toEnum(input.floor) : before.floor,
      };
      await updateVersioned(tx.campaign, {
        where: { id: input.id },
        expected: input.version,
        data: { ...data, updatedAt: now() },
        what: "this campaign",
        current: async () => {
          const current = await read();
          return current && { ...current, floor: fromEnum(current.floor) };
        },
      });
      await recordAudit(tx, auditActor(actor), {
        action: "campaign.update",
        entityType: "campaign",
        entityId: before.id,
        summary: `Edited campaign "${data.name}"`,
        before: { ...before, floor: fromEnum(before.floor) },
        after: { ...data, floor: fromEnum(data.floor) },
      });
      // "A probe shows the endpoint at the floor" is judged against the campaign's floor.
      if (data.floor !== before.floor) await syncAutomaticItemsOfCampaign(tx, before.id);
      return { id: before.id };
    }, LARGE_CAMPAIGN);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(input.name ?? "");
    throw err;
  }
}

export async function setActiveCampaign(actor: Actor, id: string) {
  assertCan(actor, "campaigns.manage");
  await db.$transaction(async (tx) => {
    const exists = await tx.campaign.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw new NotFoundError("Campaign");
    await writeSetting(tx, actor, ACTIVE_CAMPAIGN, id);
  });
}

/** Moves a milestone's date. The reason is required and every change is kept as history. */
export async function changeMilestoneDate(actor: Actor, input: ChangeMilestoneInput) {
  assertCan(actor, "campaigns.manage");
  return db.$transaction(async (tx) => {
    const before = await tx.milestone.findUnique({
      where: { id: input.milestoneId },
      select: { ...milestoneSelect, campaign: { select: { name: true } } },
    });
    if (!before) throw new NotFoundError("Milestone");
    const what = `"${before.name}"`;
    assertCurrentVersion({ id: before.id, name: before.name, dueAt: before.dueAt, version: before.version }, input.version, what);
    const at = now();
    await updateVersioned(tx.milestone, {
      where: { id: before.id },
      expected: input.version,
      data: { dueAt: input.dueAt },
      what,
      current: () => tx.milestone.findUnique({ where: { id: before.id }, select: milestoneSelect }),
    });
    const updated = await tx.milestone.findUniqueOrThrow({ where: { id: before.id }, select: milestoneSelect });
    await tx.milestoneChange.create({
      data: { milestoneId: before.id, fromAt: before.dueAt, toAt: input.dueAt, reason: input.reason, changedById: actor.id, changedAt: at },
    });
    await recordAudit(tx, auditActor(actor), {
      action: "milestone.reschedule",
      entityType: "milestone",
      entityId: before.id,
      summary: `${before.campaign.name} / ${before.name}: ${formatInstant(before.dueAt)} → ${formatInstant(input.dueAt)} (${input.reason})`,
      before: { dueAt: before.dueAt },
      after: { dueAt: input.dueAt, reason: input.reason },
    });
    return updated;
  });
}

export async function addMilestone(actor: Actor, input: AddMilestoneInput) {
  assertCan(actor, "campaigns.manage");
  try {
    return await db.$transaction(async (tx) => {
      const campaign = await tx.campaign.findUnique({ where: { id: input.campaignId }, select: { name: true } });
      if (!campaign) throw new NotFoundError("Campaign");
      const at = now();
      const milestone = await tx.milestone.create({
        data: {
          campaignId: input.campaignId,
          name: input.name,
          dueAt: input.dueAt,
          createdAt: at,
          changes: { create: { toAt: input.dueAt, reason: input.reason, changedById: actor.id, changedAt: at } },
        },
        select: milestoneSelect,
      });
      await recordAudit(tx, auditActor(actor), {
        action: "milestone.create",
        entityType: "milestone",
        entityId: milestone.id,
        summary: `${campaign.name}: added milestone "${milestone.name}" at ${formatInstant(milestone.dueAt)}`,
        after: { name: milestone.name, dueAt: milestone.dueAt, reason: input.reason },
      });
      return milestone;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ConflictError(`This campaign already has a milestone named "${input.name}".`, undefined, { name: "is already used" });
    }
    throw err;
  }
}
