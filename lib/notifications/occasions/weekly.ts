import "server-only";
import { readRows } from "@/lib/db";
import { resolveActiveId } from "@/lib/campaigns/service";
import { LIST_COLUMNS, LIST_FROM, toItem, type ListRow } from "@/lib/integrations/query";
import { latestSlot, type Cadence } from "@/lib/jobs/schedule";
import { probeFindingSql } from "@/lib/readiness/verdict-sql";
import { verdictLabel } from "@/lib/readiness/verdict";
import { DEFAULT_FLOOR, type TlsVersionName } from "@/lib/tls-probe/versions";
import { boardScope, burndownView, type BurndownView } from "@/lib/history/series";
import { occasionKey, type Planned } from "../deliveries";
import { weeklySummaryMessage, type SummaryInput } from "../messages";
import { baseUrl, emailTo, webhookRecipients, willing } from "../recipients";

const DAY = 86_400_000;
/** Mondays at 08:00 on the board's clock. */
export const WEEKLY_CADENCE: Cadence = { everyMinutes: 7 * 24 * 60, offsetMinutes: 8 * 60 };
const AT_RISK_SHOWN = 10;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The summary's burn-down sentence: the one under the /charts burn-down (its projection over the
 * daily snapshots), or, where the chart has none, why there is no pace to tell yet.
 */
export function burnDownSentence(view: Pick<BurndownView, "data" | "sentence">): string {
  if (view.sentence) return view.sentence;
  if (!view.data.some((d) => d.notReady !== null)) return "No daily snapshots yet, so no pace to project: the burn-down starts with the first one, taken each night.";
  return "The campaign has no milestone to measure the pace against: add one to see when it will be ready.";
}

interface Movement {
  name: string;
  became: "ready" | "not_ready";
  at: Date;
}

/** Integrations whose latest probe in the last week changed whether they reach the floor. */
async function movements(floor: TlsVersionName, since: Date): Promise<Movement[]> {
  const f = `$2::"TlsVersion"`;
  const now = probeFindingSql(f, "p");
  const before = probeFindingSql(f, "pp");
  return readRows<Movement>(
    `SELECT name, became, at FROM (
       SELECT i.name, p.finished_at AS at,
              CASE WHEN ${now} IN ('meets_floor') AND ${before} IS DISTINCT FROM 'meets_floor' THEN 'ready'
                   WHEN ${before} = 'meets_floor' AND ${now} <> 'meets_floor' THEN 'not_ready' END AS became
         FROM integrations i JOIN probes p ON p.id = i.latest_probe_id
         LEFT JOIN LATERAL (SELECT q.* FROM probes q WHERE q.integration_id = i.id AND q.status = 'done' AND q.host = p.host AND q.port = p.port
                             AND q.finished_at < p.finished_at ORDER BY q.finished_at DESC LIMIT 1) pp ON true
        WHERE i.status <> 'retired' AND p.finished_at >= $1) m
      WHERE became IS NOT NULL ORDER BY at`,
    [since, floor],
  );
}

/** The weekly summary for managers (and webhooks) of the week whose Monday 08:00 is the latest at `at`. */
export async function plannedWeeklySummary(at: Date): Promise<Planned[]> {
  const week = latestSlot(WEEKLY_CADENCE, at);
  const occasion = `weekly:${week.toISOString()}`;
  // Only those without this week's summary yet: after Monday's first scan, nothing is computed.
  const done = new Set((await readRows<{ key: string }>("SELECT occasion_key AS key FROM deliveries WHERE occasion_key LIKE $1", [`${occasion}|%`])).map((r) => r.key));
  const managers = (await willing("weekly_summary", { roles: ["MANAGER"] })).filter((m) => !done.has(occasionKey(occasion, emailTo(m))));
  const hooks = (await webhookRecipients()).filter((h) => !done.has(occasionKey(occasion, h)));
  if (!managers.length && !hooks.length) return [];
  const activeId = await resolveActiveId();
  if (!activeId) return [];
  const [campaign] = await readRows<{ name: string; floor: TlsVersionName }>("SELECT name, floor_protocol::text AS floor FROM campaigns WHERE id = $1::uuid", [activeId]);
  const floor = campaign?.floor ?? DEFAULT_FLOOR;
  const since = new Date(at.getTime() - 7 * DAY);
  const [rows, moved, ticks, declared, burndown] = await Promise.all([
    readRows<ListRow>(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE i.status <> 'retired' ORDER BY i.name, i.id`),
    movements(floor, since),
    readRows<{ n: number; integrations: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT integration_id)::int AS integrations FROM checklist_ticks WHERE done AND at >= $1 AND at <= $2 AND campaign_id = $3::uuid`,
      [since, at, activeId],
    ),
    readRows<{ name: string; by: string | null }>(
      `SELECT i.name, u.name AS by FROM integrations i LEFT JOIN users u ON u.id = i.override_by_id
        WHERE i.override_ready AND i.override_at >= $1 AND i.override_at <= $2 AND i.status <> 'retired' ORDER BY i.override_at`,
      [since, at],
    ),
    boardScope(at).then(burndownView),
  ]);
  const items = rows.map((r) => toItem(r, { floor, now: at }));
  const ready = items.filter((i) => i.readiness.verdict === "ready").length;
  const movedLines = [
    ...moved.map((m) => `${m.name} ${m.became === "ready" ? "now meets the floor" : "no longer meets the floor"} (probe of ${day(new Date(m.at))})`),
    ...declared.map((d) => `${d.name} declared ready by ${d.by ?? "an admin"}`),
    ...(ticks[0]?.n ? [`${ticks[0].n} checklist item${ticks[0].n === 1 ? "" : "s"} ticked on ${ticks[0].integrations} integration${ticks[0].integrations === 1 ? "" : "s"}`] : []),
  ];
  const risky = items.filter((i) => ["not_ready", "certificate", "unreachable", "blocked"].includes(i.readiness.verdict));
  const input: SummaryInput = {
    baseUrl: baseUrl(),
    recipientName: "",
    campaignName: campaign?.name ?? "",
    weekOf: week,
    ready,
    inPlay: items.length,
    burnDown: burnDownSentence(burndown),
    projection: burndown.data.length ? burndown.projection : null,
    moved: movedLines,
    atRisk: risky.slice(0, AT_RISK_SHOWN).map((i) => ({ id: i.id, name: i.name, ownerName: i.owner?.name ?? null, verdictLabel: verdictLabel(i.readiness.verdict, i.readiness.basis) })),
    atRiskTotal: risky.length,
  };
  return [
    ...managers.map((m) => ({
      occasion,
      recipient: emailTo(m),
      message: weeklySummaryMessage({ ...input, recipientName: m.name }),
    })),
    ...hooks.map((recipient) => ({ occasion, recipient, message: weeklySummaryMessage(input) })),
  ];
}
