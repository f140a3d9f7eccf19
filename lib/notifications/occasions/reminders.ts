import "server-only";
import { readRows } from "@/lib/db";
import { LIST_COLUMNS, LIST_FROM, toItem, type ListRow } from "@/lib/integrations/query";
import { CURRENT_ITEM, ITEM_FROM, ITEM_ORDER } from "@/lib/checklists/items";
import { verdictLabel } from "@/lib/readiness/verdict";
import type { TlsVersionName } from "@/lib/tls-probe/versions";
import type { Planned } from "../deliveries";
import { reminderMessage, type DigestIntegration } from "../messages";
import { baseUrl, emailTo, willing } from "../recipients";

const DAY = 86_400_000;

export interface DueReminder {
  milestoneId: string;
  milestoneName: string;
  dueAt: Date;
  campaignId: string;
  campaignName: string;
  floor: TlsVersionName;
  /** The lead time whose moment passed most recently (e.g. 7 when the milestone is 5 days away). */
  leadDays: number;
}

/**
 * Which lead time of a milestone is current at `at`: the smallest lead whose moment (due − lead
 * days) has passed, while the milestone is still ahead. A worker that was down over several
 * moments sends the latest one only, as the scheduler fires only its latest missed slot.
 */
export function currentLead(dueAt: Date, leads: number[], at: Date): number | null {
  if (dueAt.getTime() <= at.getTime()) return null;
  const passed = leads.filter((l) => dueAt.getTime() - l * DAY <= at.getTime());
  return passed.length ? Math.min(...passed) : null;
}

export async function dueReminders(at: Date): Promise<DueReminder[]> {
  const rows = await readRows<Omit<DueReminder, "leadDays"> & { leads: number[] | null }>(
    `SELECT m.id::text AS "milestoneId", m.name AS "milestoneName", m.due_at AS "dueAt", c.id::text AS "campaignId", c.name AS "campaignName",
            c.floor_protocol::text AS floor, c.reminder_lead_days AS leads
       FROM milestones m JOIN campaigns c ON c.id = m.campaign_id
      WHERE m.due_at > $1 ORDER BY m.due_at`,
    [at],
  );
  return rows.flatMap(({ leads, ...m }) => {
    const lead = currentLead(new Date(m.dueAt), leads ?? [], at);
    return lead === null ? [] : [{ ...m, dueAt: new Date(m.dueAt), leadDays: lead }];
  });
}

export interface OwnerDigest {
  owner: { id: string; name: string };
  integrations: DigestIntegration[];
}

/** The campaign's own open checklist items (no integration: admins tick them), in checklist order. */
async function openCampaignItems(campaignId: string): Promise<string[]> {
  const rows = await readRows<{ title: string }>(
    `SELECT t.title FROM ${ITEM_FROM} WHERE ci.campaign_id = $1::uuid AND ci.integration_id IS NULL AND NOT ci.done AND ${CURRENT_ITEM} ORDER BY ${ITEM_ORDER}`,
    [campaignId],
  );
  return rows.map((r) => r.title);
}

/**
 * Each owner's digest for a campaign: the in-play integrations they own that are not ready or have
 * open checklist items, with the verdict's reason and the open items. Owners with nothing open
 * are not in the list.
 */
export async function ownerDigests(campaignId: string, floor: TlsVersionName, at: Date): Promise<OwnerDigest[]> {
  const [rows, items] = await Promise.all([
    readRows<ListRow>(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE i.owner_id IS NOT NULL AND i.status <> 'retired' AND NOT u.disabled ORDER BY i.name, i.id`),
    readRows<{ integrationId: string; title: string }>(
      `SELECT ci.integration_id::text AS "integrationId", t.title FROM ${ITEM_FROM}
        WHERE ci.campaign_id = $1::uuid AND ci.integration_id IS NOT NULL AND NOT ci.done AND ${CURRENT_ITEM}
        ORDER BY ${ITEM_ORDER}`,
      [campaignId],
    ),
  ]);
  const open = new Map<string, string[]>();
  for (const it of items) open.set(it.integrationId, [...(open.get(it.integrationId) ?? []), it.title]);
  const byOwner = new Map<string, OwnerDigest>();
  for (const row of rows) {
    const item = toItem(row, { floor, now: at });
    const openItems = open.get(item.id) ?? [];
    if (item.readiness.verdict === "ready" && openItems.length === 0) continue;
    const owner = item.owner!;
    const digest = byOwner.get(owner.id) ?? { owner: { id: owner.id, name: owner.name }, integrations: [] };
    digest.integrations.push({
      id: item.id,
      name: item.name,
      verdictLabel: verdictLabel(item.readiness.verdict, item.readiness.basis),
      reason: item.readiness.reason,
      openItems,
    });
    byOwner.set(owner.id, digest);
  }
  return [...byOwner.values()];
}

/**
 * Owners of in-play integrations who have no delivery of this occasion yet. When there are none
 * (every later scan of the same lead time), the digests are not computed at all: the scan runs
 * every quarter of an hour on every worker.
 */
async function ownersNotYetReminded(occasion: string, withAdmins: boolean): Promise<Set<string>> {
  const rows = await readRows<{ id: string }>(
    `SELECT o.id FROM (
       SELECT DISTINCT i.owner_id::text AS id FROM integrations i WHERE i.owner_id IS NOT NULL AND i.status <> 'retired'
       UNION SELECT u.id::text FROM users u WHERE $2 AND u.role = 'ADMIN' AND NOT u.disabled) o
      WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.occasion_key = $1 || '|user:' || o.id)`,
    [occasion, withAdmins],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The reminder digests due at `at`, one per person with something open who wants reminders: the
 * owners of integrations with open work and, while the campaign's own checklist has open items,
 * the admins (who tick those), as My work shows them.
 */
export async function plannedReminders(at: Date): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const due of await dueReminders(at)) {
    const occasion = `reminder:${due.milestoneId}@${due.dueAt.toISOString()}:${due.leadDays}d`;
    const campaignItems = await openCampaignItems(due.campaignId);
    const pending = await ownersNotYetReminded(occasion, campaignItems.length > 0);
    if (pending.size === 0) continue;
    const digests = new Map((await ownerDigests(due.campaignId, due.floor, at)).map((d) => [d.owner.id, d]));
    const admins = campaignItems.length ? await willing("reminder", { roles: ["ADMIN"] }) : [];
    const people = new Map([...(await willing("reminder", { ids: [...digests.keys()] })), ...admins].map((p) => [p.id, p]));
    const daysLeft = Math.floor((due.dueAt.getTime() - at.getTime()) / DAY);
    for (const person of people.values()) {
      if (!pending.has(person.id)) continue;
      const integrations = digests.get(person.id)?.integrations ?? [];
      const theirCampaignItems = person.role === "ADMIN" ? campaignItems : [];
      if (!integrations.length && !theirCampaignItems.length) continue;
      planned.push({
        occasion,
        recipient: emailTo(person),
        message: reminderMessage({
          baseUrl: baseUrl(),
          recipientName: person.name,
          campaignName: due.campaignName,
          milestone: { name: due.milestoneName, dueAt: due.dueAt },
          daysLeft,
          integrations,
          campaignItems: theirCampaignItems,
        }),
      });
    }
  }
  return planned;
}
