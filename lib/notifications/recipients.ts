import "server-only";
import { readRows } from "@/lib/db";
import { env } from "@/lib/env";
import type { Recipient } from "./deliveries";
import type { NotificationKind } from "./kinds";

// Who receives what: people who have not turned the kind off in their profile (no row = on) and
// whose account is not disabled; and every enabled webhook.

export interface Person {
  id: string;
  name: string;
  email: string;
  role: "ADMIN" | "MANAGER" | "MEMBER";
}

/** People who want this kind, among `ids` or among a role's holders. */
export async function willing(kind: NotificationKind, who: { ids?: string[]; roles?: Person["role"][] }): Promise<Person[]> {
  return readRows<Person>(
    `SELECT u.id::text AS id, u.name, u.email, u.role::text AS role FROM users u
       LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.kind = $1::"NotificationKind"
      WHERE NOT u.disabled AND coalesce(np.enabled, true)
        AND (u.id = ANY($2::uuid[]) OR u.role::text = ANY($3::text[]))
      ORDER BY u.name, u.email`,
    [kind, who.ids ?? [], who.roles ?? []],
  );
}

export const emailTo = (p: Person): Recipient => ({ channel: "email", userId: p.id, email: p.email });

/** Every enabled webhook. */
export async function webhookRecipients(): Promise<Recipient[]> {
  const rows = await readRows<{ id: string; url: string }>("SELECT id::text AS id, url FROM webhooks WHERE enabled ORDER BY created_at");
  return rows.map((w) => ({ channel: "webhook", webhookId: w.id, url: w.url }));
}

/** Where links in messages point: the board's public URL (NEXTAUTH_URL), else this machine. */
export function baseUrl(): string {
  const e = env();
  return (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}
