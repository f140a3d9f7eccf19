import "server-only";
import type pg from "pg";
import { now } from "@/lib/clock";
import { ACTIVE_ID_SQL } from "@/lib/campaigns/service";
import { CURRENT_ITEM } from "@/lib/checklists/items";
import { linkedLoginsSql } from "./keys";

// What Login History proves about the integrations its findings are linked to, judged against
// the active campaign's floor:
// - a linked client whose logins have been clean for a while ticks the checklist's Login History
//   verification item (recorded as done by the import, the import as its evidence): since its last
//   login below the floor, at least CLEAN_LOGINS logins at the floor or newer over at least
//   CLEAN_DAYS days, and every user of it who logged in below the floor has logged in at the floor
//   since. One clean login the day after the last TLS 1.0 one proves little (a client has many
//   machines and users), and a tick here can make the integration ready. A person's tick is never
//   undone here.
// - one that still logs in below the floor after its checklist was completed gets
//   `integrations.legacy_login_at` (the latest such login): it is not ready, and says why.
// - one whose logins below the floor are not yet followed by a clean while gets
//   `integrations.below_floor_login_at` (the latest such login): TLS 1.0 still in use, so it is
//   not ready (not merely unverified) until that changes or its checklist is completed after it.

/** The checklist item Login History confirms: the default templates' verification item, or an automatic one. */
export const LOGIN_HISTORY_ITEM_SQL = `((t.verification AND t.title ILIKE 'Confirm in Login History%') OR t.automatic = 'login_history_clean')`;

type Runner = Pick<pg.PoolClient, "query">;

/** What "clean for a while" means for the automatic tick (see above). */
export const CLEAN_LOGINS = 2;
export const CLEAN_DAYS = 7;

export interface EvidenceScope {
  /** The import credited with a tick; the latest finished one when absent. */
  importId?: string;
  /** Only these integrations (a link changed); all linked ones when absent. */
  integrationIds?: string[];
  /** When the ticks happen, if not now (the demo seed's past). */
  at?: Date;
}

export async function syncLoginEvidence(run: Runner, scope: EvidenceScope = {}): Promise<{ ticked: number; legacy: number; below: number }> {
  const at = scope.at ?? now();
  const ids = scope.integrationIds ?? null;
  const importRow = scope.importId
    ? { id: scope.importId }
    : (await run.query<{ id: string }>(`SELECT id::text FROM login_history_imports WHERE status = 'done' ORDER BY finished_at DESC NULLS LAST LIMIT 1`)).rows[0];
  const judged = `
    WITH campaign AS (SELECT id, floor_protocol AS floor FROM campaigns WHERE id = ${ACTIVE_ID_SQL}),
    linked AS (${linkedLoginsSql(`($1::uuid[] IS NULL OR k.integration_id = ANY($1::uuid[]))`)}),
    per AS (
      SELECT li.integration_id, li.username, li.login_at,
             li.tls_protocol <> 'unknown' AND li.tls_protocol::"TlsVersion" < c.floor AS below,
             li.tls_protocol <> 'unknown' AND li.tls_protocol::"TlsVersion" >= c.floor AS at_floor
        FROM linked li CROSS JOIN campaign c
    ),
    last_below AS (SELECT integration_id, max(login_at) FILTER (WHERE below) AS last_below FROM per GROUP BY integration_id),
    -- Clean for a while: CLEAN_LOGINS logins at the floor over CLEAN_DAYS since the last one below
    -- it, and no user of the client still below the floor (one who never logged in at it since).
    users_left_below AS (
      SELECT DISTINCT integration_id FROM (
        SELECT integration_id, username, max(login_at) FILTER (WHERE below) AS last_below, max(login_at) FILTER (WHERE at_floor) AS last_at_floor
          FROM per GROUP BY integration_id, username) u
       WHERE u.last_below IS NOT NULL AND (u.last_at_floor IS NULL OR u.last_at_floor < u.last_below)
    ),
    clean AS (
      SELECT p.integration_id, b.last_below, min(p.login_at) AS first_clean, count(*) AS logins
        FROM per p JOIN last_below b USING (integration_id)
       WHERE p.at_floor AND (b.last_below IS NULL OR p.login_at > b.last_below)
         AND p.integration_id NOT IN (SELECT integration_id FROM users_left_below)
       GROUP BY p.integration_id, b.last_below
      HAVING count(*) >= ${CLEAN_LOGINS} AND max(p.login_at) - coalesce(b.last_below, min(p.login_at)) >= interval '${CLEAN_DAYS} days'
    )`;

  const ticked = importRow
    ? await run.query<{ itemId: string; campaignId: string; integrationId: string; name: string; title: string; note: string }>(
        `${judged},
         target AS (
           SELECT ci.id, i.name, t.title,
                  'Login History: ' || cl.logins || ' logins at the floor or newer and none below it since '
                    || to_char(coalesce(cl.last_below, cl.first_clean) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS note
             FROM clean cl
             JOIN integrations i ON i.id = cl.integration_id
             JOIN checklist_items ci ON ci.integration_id = i.id AND ci.campaign_id = (SELECT id FROM campaign) AND NOT ci.done
             JOIN checklist_templates t ON t.id = ci.template_id
             JOIN integrations ii ON ii.id = i.id
            WHERE ${CURRENT_ITEM} AND ${LOGIN_HISTORY_ITEM_SQL}
         )
         UPDATE checklist_items ci
            SET done = true, done_at = $2, done_by_id = NULL, done_by_probe_id = NULL, note = target.note,
                evidence_url = '/login-history#import-' || $3, version = ci.version + 1, updated_at = $2
           FROM target
          WHERE ci.id = target.id AND NOT ci.done
         RETURNING ci.id::text AS "itemId", ci.campaign_id::text AS "campaignId", ci.integration_id::text AS "integrationId",
                   target.name, target.title, target.note`,
        [ids, at, importRow.id],
      )
    : { rows: [] };
  for (const t of ticked.rows) {
    await run.query(
      `INSERT INTO checklist_ticks (item_id, campaign_id, integration_id, title, done, source, at, note, evidence_url)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, true, 'import', $5, $6, $7)`,
      [t.itemId, t.campaignId, t.integrationId, t.title, at, t.note, `/login-history#import-${importRow!.id}`],
    );
    await run.query(
      `INSERT INTO audit_log (at, actor_id, actor_label, action, entity_type, entity_id, summary, before, after)
       VALUES ($1, NULL, 'system', 'checklist.tick', 'integration', $2, $3, $4::jsonb, $5::jsonb)`,
      [
        at,
        t.integrationId,
        `Ticked “${t.title}”: the Login History import shows ${t.name} ${t.note.replace(/^Login History: /, "with ")}`,
        JSON.stringify({ itemId: t.itemId, done: false }),
        JSON.stringify({ itemId: t.itemId, title: t.title, done: true, source: "import", importId: importRow!.id }),
      ],
    );
  }

  // Below the floor after the checklist was complete (every current required item done).
  const legacy = await run.query(
    `${judged},
     completed AS (
       SELECT ci.integration_id, max(ci.done_at) AS completed_at
         FROM checklist_items ci
         JOIN checklist_templates t ON t.id = ci.template_id
         JOIN integrations ii ON ii.id = ci.integration_id
        WHERE ci.campaign_id = (SELECT id FROM campaign) AND ${CURRENT_ITEM} AND t.required
          AND ($1::uuid[] IS NULL OR ci.integration_id = ANY($1::uuid[]))
        GROUP BY ci.integration_id
       HAVING bool_and(ci.done)
     ),
     scope AS (
       SELECT id FROM integrations
        WHERE ($1::uuid[] IS NULL AND (legacy_login_at IS NOT NULL OR id IN (SELECT integration_id FROM login_history_links)))
           OR id = ANY($1::uuid[])
     ),
     latest AS (
       SELECT s.id, (SELECT max(p.login_at) FROM per p JOIN completed c USING (integration_id)
                      WHERE p.integration_id = s.id AND p.below AND p.login_at > c.completed_at) AS at
         FROM scope s
     )
     UPDATE integrations i SET legacy_login_at = latest.at
       FROM latest WHERE i.id = latest.id AND i.legacy_login_at IS DISTINCT FROM latest.at`,
    [ids],
  );
  // Still below the floor: the last such login, unless the client has been clean for a while since.
  const below = await run.query(
    `${judged},
     scope AS (
       SELECT id FROM integrations
        WHERE ($1::uuid[] IS NULL AND (below_floor_login_at IS NOT NULL OR id IN (SELECT integration_id FROM login_history_links)))
           OR id = ANY($1::uuid[])
     ),
     latest AS (
       SELECT s.id, (SELECT b.last_below FROM last_below b WHERE b.integration_id = s.id AND s.id NOT IN (SELECT integration_id FROM clean)) AS at
         FROM scope s
     )
     UPDATE integrations i SET below_floor_login_at = latest.at
       FROM latest WHERE i.id = latest.id AND i.below_floor_login_at IS DISTINCT FROM latest.at`,
    [ids],
  );
  return { ticked: ticked.rows.length, legacy: legacy.rowCount ?? 0, below: below.rowCount ?? 0 };
}
