import "server-only";
import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { formatDay } from "@/lib/format";
import { SqlParams } from "@/lib/sql";

interface Transition {
  itemId: string;
  campaignId: string;
  integrationId: string;
  integrationName: string;
  title: string;
  done: boolean;
  probeId: string | null;
  finishedAt: Date | null;
}

/**
 * Ticks "a probe shows the endpoint at the floor" items of these integrations when their latest
 * probe of the current endpoint meets the item's campaign floor with a certificate clients accept
 * (as the readiness verdict judges it), and unticks them when it no longer does (a newer probe
 * below the floor, a certificate problem, or an endpoint change that cleared the evidence). A
 * tick is recorded as done by that probe at its finish time. Set-based: one statement for any
 * number of integrations; only items whose state changes are written, so it is cheap to call
 * after every stored probe and every endpoint change.
 */
export async function syncAutomaticItems(tx: Tx, integrationIds: string[]): Promise<number> {
  if (integrationIds.length === 0) return 0;
  const p = new SqlParams();
  return syncWhere(tx, `ci.integration_id = ANY(${p.add(integrationIds)}::uuid[])`, p);
}

/** The same for every integration in a campaign (its floor changed, or an automatic item was added). */
export async function syncAutomaticItemsOfCampaign(tx: Tx, campaignId: string): Promise<number> {
  const p = new SqlParams();
  return syncWhere(tx, `ci.campaign_id = ${p.add(campaignId)}::uuid`, p);
}

async function syncWhere(tx: Tx, scope: string, p: SqlParams): Promise<number> {
  const at = now();
  const stamp = p.add(at);
  const changed = await tx.$queryRawUnsafe<Transition[]>(
    `WITH judged AS (
       SELECT ci.id, i.name, t.title,
              coalesce(pr.handshake_version >= c.floor_protocol AND pr.cert_problem IS NULL, false) AS meets,
              pr.id AS probe_id, pr.finished_at
         FROM checklist_items ci
         JOIN checklist_templates t ON t.id = ci.template_id
         JOIN campaigns c ON c.id = ci.campaign_id
         JOIN integrations i ON i.id = ci.integration_id
         LEFT JOIN probes pr ON pr.id = i.latest_probe_id
        WHERE ${scope} AND t.automatic = 'probe_meets_floor' AND t.retired_at IS NULL AND t.category = i.category
     )
     UPDATE checklist_items ci
        SET done = j.meets,
            done_at = CASE WHEN j.meets THEN j.finished_at END,
            done_by_probe_id = CASE WHEN j.meets THEN j.probe_id END,
            done_by_id = NULL, note = NULL, evidence_url = NULL,
            version = ci.version + 1, updated_at = CASE WHEN j.meets THEN j.finished_at ELSE ${stamp}::timestamptz END
       FROM judged j
      WHERE ci.id = j.id AND ci.done <> j.meets
     RETURNING ci.id::text AS "itemId", ci.campaign_id::text AS "campaignId", ci.integration_id::text AS "integrationId",
               j.name AS "integrationName", j.title, j.meets AS done, j.probe_id::text AS "probeId", j.finished_at AS "finishedAt"`,
    ...p.values,
  );
  if (changed.length === 0) return 0;
  await tx.checklistTick.createMany({
    data: changed.map((c) => ({
      itemId: c.itemId,
      campaignId: c.campaignId,
      integrationId: c.integrationId,
      title: c.title,
      done: c.done,
      source: "probe" as const,
      at: c.done && c.finishedAt ? new Date(c.finishedAt) : at,
      // For an untick, the probe that no longer shows the floor (none when the endpoint changed).
      probeId: c.probeId,
    })),
  });
  await tx.auditLog.createMany({
    data: changed.map((c) => ({
      at: c.done && c.finishedAt ? new Date(c.finishedAt) : at,
      actorId: null,
      actorLabel: "system",
      action: c.done ? "checklist.tick" : "checklist.untick",
      entityType: "integration",
      entityId: c.integrationId,
      summary: c.done
        ? `Ticked “${c.title}”: the probe of ${formatDay(c.finishedAt)} shows ${c.integrationName} at the floor`
        : c.probeId
          ? `Unticked “${c.title}”: the latest probe of ${c.integrationName} no longer shows it at the floor`
          : `Unticked “${c.title}”: ${c.integrationName} has no probe of its current endpoint`,
      before: { itemId: c.itemId, done: !c.done },
      after: { itemId: c.itemId, title: c.title, done: c.done, source: "probe", probeId: c.probeId },
    })),
  });
  return changed.length;
}
