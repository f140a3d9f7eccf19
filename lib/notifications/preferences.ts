import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

/** Which kinds of message the person gets: every kind, on unless they turned it off. */
export async function myPreferences(actor: Actor): Promise<Record<NotificationKind, boolean>> {
  assertCan(actor, "profile.edit");
  const rows = await db.notificationPreference.findMany({ where: { userId: actor.id } });
  const prefs = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<NotificationKind, boolean>;
  for (const r of rows) prefs[r.kind] = r.enabled;
  return prefs;
}

/** Saves the person's own choices (only the kinds given); nothing else is touched. */
export async function setMyPreferences(actor: Actor, preferences: Partial<Record<NotificationKind, boolean>>): Promise<Record<NotificationKind, boolean>> {
  assertCan(actor, "profile.edit");
  const at = now();
  await db.$transaction(
    Object.entries(preferences).map(([kind, enabled]) =>
      db.notificationPreference.upsert({
        where: { userId_kind: { userId: actor.id, kind: kind as NotificationKind } },
        create: { userId: actor.id, kind: kind as NotificationKind, enabled: Boolean(enabled), updatedAt: at },
        update: { enabled: Boolean(enabled), updatedAt: at },
      }),
    ),
  );
  return myPreferences(actor);
}
