import "server-only";
import type { ZodType } from "zod";
import { db, type Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A typed setting: a key, the schema its stored value must satisfy, and the value when unset. */
export interface SettingDef<T> {
  key: string;
  schema: ZodType<T>;
  fallback: T;
  label: string;
}

export async function readSetting<T>(def: SettingDef<T>, client: Tx | typeof db = db): Promise<T> {
  const row = await client.setting.findUnique({ where: { key: def.key } });
  if (!row) return def.fallback;
  const parsed = def.schema.safeParse(row.value);
  // A value that no longer satisfies the schema (after an upgrade, say) falls back rather than
  // breaking every page; writing it again through the settings page repairs it.
  return parsed.success ? parsed.data : def.fallback;
}

/** Writes a setting in the caller's transaction and records the change. Permission checks are the caller's. */
export async function writeSetting<T>(tx: Tx, actor: Actor, def: SettingDef<T>, value: T): Promise<void> {
  const before = await readSetting(def, tx);
  await tx.setting.upsert({
    where: { key: def.key },
    create: { key: def.key, value: value as Prisma.InputJsonValue, updatedAt: now(), updatedById: actor.id },
    update: { value: value as Prisma.InputJsonValue, updatedAt: now(), updatedById: actor.id },
  });
  await recordAudit(tx, auditActor(actor), {
    action: "setting.update",
    entityType: "setting",
    entityId: def.key,
    summary: `Changed ${def.label}`,
    before: { value: before },
    after: { value },
  });
}
