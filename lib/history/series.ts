import "server-only";
import { readRows } from "@/lib/db";
import { now } from "@/lib/clock";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import type { TlsVersionName } from "@/lib/tls-probe/versions";
import { focusMilestone } from "@/lib/campaigns/countdown";
import { ACTIVE_ID_SQL } from "@/lib/campaigns/service";
import { CATEGORIES, CATEGORY_INFO, type Category } from "@/lib/integrations/categories";
import { ALL, NO_OWNER } from "./snapshot-sql";
import { dayOf } from "./days";
import { burndown, projectionSentence, type BurndownRow, type BurnPoint, type Projection } from "./projection";
import { segmentsOf, type Segment } from "./segments";
import type { ChartQuery } from "./schemas";

// The series behind every chart, read from the daily snapshots (one row per day for any filter),
// for the charts page, the report and /api/v1/charts/*.

export interface ChartMilestone {
  id: string;
  name: string;
  dueAt: string;
  day: string;
}

/** What the filters resolved to. */
export interface ChartScope {
  campaign: { id: string; name: string; start: string; floor: TlsVersionName };
  milestones: ChartMilestone[];
  milestone: ChartMilestone | null;
  category: Category | null;
  /** The owner key of snapshot rows: a user id, NO_OWNER, or ALL. */
  owner: string;
  today: string;
}

/** The filters resolved against the database; null when there is no campaign at all. */
export async function chartScope(actor: Actor, query: ChartQuery): Promise<ChartScope | null> {
  assertCan(actor, "history.read");
  const owner = query.owner === "me" ? actor.id : query.owner === "none" ? NO_OWNER : (query.owner ?? ALL);
  return resolveScope(query, owner, now());
}

/**
 * The active campaign's whole board (every impact area and owner, the focus milestone) on the day
 * of `at`: what /charts shows with no filter. For the weekly summary (lib/notifications), which is
 * sent by the worker for no one in particular; it reaches only roles that may read the history.
 */
export function boardScope(at: Date): Promise<ChartScope | null> {
  return resolveScope({}, ALL, at);
}

async function resolveScope(query: ChartQuery, owner: string, today: Date): Promise<ChartScope | null> {
  const [row] = await readRows<{ id: string; name: string; floor: TlsVersionName; created_at: Date; milestones: { id: string; name: string; dueAt: string }[] }>(
    `SELECT c.id::text AS id, c.name, c.floor_protocol::text AS floor, c.created_at,
            coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'dueAt', m.due_at) ORDER BY m.due_at) FILTER (WHERE m.id IS NOT NULL), '[]') AS milestones
       FROM campaigns c LEFT JOIN milestones m ON m.campaign_id = c.id
      WHERE c.id = ${query.campaign ? "$1::uuid" : ACTIVE_ID_SQL}
      GROUP BY c.id`,
    query.campaign ? [query.campaign] : [],
  );
  if (!row) {
    if (query.campaign) throw new NotFoundError("Campaign");
    return null;
  }
  const milestones = row.milestones.map((m) => ({ id: m.id, name: m.name, dueAt: new Date(m.dueAt).toISOString(), day: dayOf(new Date(m.dueAt)) }));
  let milestone: ChartMilestone | null;
  if (query.milestone) {
    milestone = milestones.find((m) => m.id === query.milestone) ?? null;
    if (!milestone) throw new NotFoundError("Milestone of this campaign");
  } else {
    const focus = focusMilestone(milestones.map((m) => ({ ...m, dueAt: new Date(m.dueAt) })), today);
    milestone = milestones.find((m) => m.id === focus?.milestone.id) ?? null;
  }
  return { campaign: { id: row.id, name: row.name, floor: row.floor, start: dayOf(row.created_at) }, milestones, milestone, category: query.category ?? null, owner, today: dayOf(today) };
}

interface SnapshotRow {
  date: string;
  category: string;
  owner: string;
  total: number;
  verdicts: Record<string, number>;
  bases: Record<string, number>;
  tls10: number;
  tls11: number;
  tls12: number;
  tls13: number;
  cert30: number;
  cert60: number;
  cert90: number;
  items_done: number;
  items_ticked: number;
  added: number;
  retired: number;
}

const SELECT = `SELECT to_char(r.day, 'YYYY-MM-DD') AS date, r.category, r.owner, r.total, r.verdicts, r.bases, r.tls10, r.tls11, r.tls12, r.tls13,
  r.cert30, r.cert60, r.cert90, r.items_done, r.items_ticked, r.added, r.retired FROM readiness_snapshot_rows r`;

/** The day-by-day rows of the scope's slice, up to today. */
function dailyRows(s: ChartScope): Promise<SnapshotRow[]> {
  return readRows<SnapshotRow>(`${SELECT} WHERE r.campaign_id = $1::uuid AND r.category = $2 AND r.owner = $3 AND r.day <= $4::date ORDER BY r.day`, [
    s.campaign.id,
    s.category ?? ALL,
    s.owner,
    s.today,
  ]);
}

/** The newest snapshot day at or before today, or null. */
async function latestDay(s: ChartScope): Promise<string | null> {
  const [row] = await readRows<{ day: string | null }>(
    `SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM readiness_snapshots WHERE campaign_id = $1::uuid AND day <= $2::date`,
    [s.campaign.id, s.today],
  );
  return row?.day ?? null;
}

const EMPTY_PROJECTION: Projection = { readyOn: null, daysLate: null, pacePerDay: 0 };

export interface BurndownView {
  data: BurndownRow[];
  projection: Projection;
  sentence: string | null;
  /** Days the scope changed: integrations added, and retired or deleted. */
  scopeChanges: { date: string; added: number; retired: number }[];
}

export async function burndownView(s: ChartScope | null): Promise<BurndownView> {
  if (!s) return { data: [], projection: EMPTY_PROJECTION, sentence: null, scopeChanges: [] };
  const rows = await dailyRows(s);
  if (rows.length === 0) return { data: [], projection: EMPTY_PROJECTION, sentence: null, scopeChanges: [] };
  const points: BurnPoint[] = rows.map((r) => {
    const ready = Number(r.verdicts.ready ?? 0);
    return { date: r.date, ready, total: r.total, notReady: Math.max(r.total - ready, 0) };
  });
  const milestone = s.milestone?.day ?? s.today;
  const start = points[0].date < s.campaign.start ? points[0].date : s.campaign.start;
  const { data, projection } = burndown(points, { start, milestone, today: s.today });
  const scopeChanges = rows.filter((r) => r.date > start && (r.added || r.retired)).map((r) => ({ date: r.date, added: r.added, retired: r.retired }));
  const sentence = s.milestone ? projectionSentence(projection, `the ${s.milestone.name.toLowerCase()}`) : null;
  return { data, projection, sentence, scopeChanges };
}

/** /api/v1/charts/burndown: exactly { data, projection }. */
export async function burndownSeries(actor: Actor, query: ChartQuery): Promise<{ data: BurndownRow[]; projection: Projection }> {
  const { data, projection } = await burndownView(await chartScope(actor, query));
  return { data, projection };
}

export type VerdictBar = { total: number } & Record<Segment, number>;

/** Stacked verdict bars per impact area on the newest day (in the notice's order). */
export async function byCategory(s: ChartScope | null): Promise<{ day: string | null; data: (VerdictBar & { category: Category; label: string })[] }> {
  const day = s && (await latestDay(s));
  if (!s || !day) return { day: null, data: [] };
  const wanted = s.category ? [s.category] : [...CATEGORIES];
  const rows = await readRows<SnapshotRow>(`${SELECT} WHERE r.campaign_id = $1::uuid AND r.day = $2::date AND r.owner = $3 AND r.category = ANY($4::text[])`, [
    s.campaign.id,
    day,
    s.owner,
    wanted,
  ]);
  const data = CATEGORIES.flatMap((category) => {
    const r = rows.find((x) => x.category === category);
    return r && r.total > 0 ? [{ category, label: CATEGORY_INFO[category].label, total: r.total, ...segmentsOf(r.verdicts, r.bases) }] : [];
  });
  return { day, data };
}

/** Stacked verdict bars per owner on the newest day, the most integrations first. */
export async function byOwner(s: ChartScope | null): Promise<{ day: string | null; data: (VerdictBar & { owner: string; name: string })[] }> {
  const day = s && (await latestDay(s));
  if (!s || !day) return { day: null, data: [] };
  const rows = await readRows<SnapshotRow & { name: string | null }>(
    `${SELECT.replace(" FROM readiness_snapshot_rows r", ", u.name FROM readiness_snapshot_rows r")}
       LEFT JOIN users u ON r.owner <> '${NO_OWNER}' AND u.id::text = r.owner
      WHERE r.campaign_id = $1::uuid AND r.day = $2::date AND r.category = $3 AND r.owner <> '${ALL}' ${s.owner !== ALL ? "AND r.owner = $4" : ""}
        AND r.total > 0
      ORDER BY r.total DESC, u.name NULLS LAST`,
    s.owner !== ALL ? [s.campaign.id, day, s.category ?? ALL, s.owner] : [s.campaign.id, day, s.category ?? ALL],
  );
  return {
    day,
    data: rows.map((r) => ({ owner: r.owner === NO_OWNER ? "none" : r.owner, name: r.owner === NO_OWNER ? "Nobody" : (r.name ?? "A removed user"), total: r.total, ...segmentsOf(r.verdicts, r.bases) })),
  };
}

/** Endpoints whose latest probe accepted each TLS version, day by day. */
export async function protocolsSeries(s: ChartScope | null): Promise<{ data: { date: string; tls10: number; tls11: number; tls12: number; tls13: number }[] }> {
  if (!s) return { data: [] };
  return { data: (await dailyRows(s)).map((r) => ({ date: r.date, tls10: r.tls10, tls11: r.tls11, tls12: r.tls12, tls13: r.tls13 })) };
}

/** Certificates expiring within 30, 60 and 90 days of the newest day (each window includes the shorter ones). */
export async function certificatesSeries(s: ChartScope | null): Promise<{ day: string | null; data: { days: 30 | 60 | 90; count: number }[] }> {
  const day = s && (await latestDay(s));
  if (!s || !day) return { day: null, data: [] };
  const [r] = await readRows<SnapshotRow>(`${SELECT} WHERE r.campaign_id = $1::uuid AND r.category = $2 AND r.owner = $3 AND r.day = $4::date`, [s.campaign.id, s.category ?? ALL, s.owner, day]);
  return { day, data: [{ days: 30, count: r?.cert30 ?? 0 }, { days: 60, count: r?.cert60 ?? 0 }, { days: 90, count: r?.cert90 ?? 0 }] };
}

export type ThroughputWeek = { week: string; total: number } & Partial<Record<Category, number>>;

/** Checklist items ticked done per week (weeks start on Monday), by impact area. */
export async function throughputSeries(s: ChartScope | null): Promise<{ data: ThroughputWeek[] }> {
  if (!s) return { data: [] };
  const wanted = s.category ? [s.category] : [...CATEGORIES];
  const rows = await readRows<{ week: string; category: Category; ticked: number }>(
    `SELECT to_char(date_trunc('week', r.day), 'YYYY-MM-DD') AS week, r.category, sum(r.items_ticked)::int AS ticked
       FROM readiness_snapshot_rows r
      WHERE r.campaign_id = $1::uuid AND r.owner = $2 AND r.category = ANY($3::text[]) AND r.day <= $4::date
      GROUP BY 1, 2 ORDER BY 1`,
    [s.campaign.id, s.owner, wanted, s.today],
  );
  const weeks = new Map<string, ThroughputWeek>();
  for (const r of rows) {
    const w = weeks.get(r.week) ?? { week: r.week, total: 0 };
    w[r.category] = r.ticked;
    w.total += r.ticked;
    weeks.set(r.week, w);
  }
  return { data: [...weeks.values()] };
}
