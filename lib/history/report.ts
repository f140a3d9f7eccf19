import "server-only";
import { readRows } from "@/lib/db";
import { now } from "@/lib/clock";
import { SqlParams } from "@/lib/sql";
import { focusMilestone } from "@/lib/campaigns/countdown";
import { CATEGORY_INFO } from "@/lib/integrations/categories";
import { csvCell } from "@/lib/integrations/csv-format";
import { listQuerySchema } from "@/lib/integrations/schemas";
import { queryList, whereSql, type ListItem } from "@/lib/integrations/query";
import { LATEST_PROBE_JOIN, readinessSql } from "@/lib/readiness/verdict-sql";
import { READY_BASES, VERDICTS, verdictLabel, type ReadyBasis, type Verdict } from "@/lib/readiness/verdict";
import type { ReadinessContext } from "@/lib/readiness/context";
import type { Actor } from "@/lib/auth/permissions";
import { SEGMENTS, segmentLabel } from "./segments";
import { burndownView, byCategory, type BurndownView, type ChartScope } from "./series";

// The printable report and its CSV: the campaign, the countdown, today's numbers, the burn-down,
// readiness by impact area, and the integrations at risk with owner and reason.

/** Verdicts that put an integration on the report's list. */
export const AT_RISK: Verdict[] = ["not_ready", "certificate", "unreachable", "blocked"];
/** The report lists this many; the CSV has them all. */
export const REPORT_AT_RISK_LIMIT = 200;

export interface Headline {
  inScope: number;
  ready: number;
  readyBy: Record<ReadyBasis, number>;
  byVerdict: Record<Verdict, number>;
}

export interface ReportData {
  generatedAt: Date;
  countdown: { milestone: string; dueAt: string; state: "upcoming" | "passed"; days: number } | null;
  headline: Headline;
  burndown: BurndownView;
  byCategory: Awaited<ReturnType<typeof byCategory>>;
  atRisk: { data: ListItem[]; total: number };
}

function filtersOf(s: ChartScope) {
  return {
    category: s.category ?? undefined,
    owner: s.owner === "*" ? undefined : s.owner === "-" ? "none" : s.owner,
  };
}

/** Today's numbers, live: verdicts and ready bases of the integrations matching the filters. */
async function headline(actor: Actor, s: ChartScope, context: ReadinessContext): Promise<Headline> {
  const p = new SqlParams();
  const { verdict, basis } = readinessSql(context.floor, p);
  const where = whereSql(listQuerySchema.parse(filtersOf(s)), actor, p, context);
  const rows = await readRows<{ verdict: Verdict; basis: ReadyBasis | null; n: number }>(
    `SELECT ${verdict} AS verdict, ${basis} AS basis, count(*)::int AS n FROM integrations i ${LATEST_PROBE_JOIN} ${where} GROUP BY 1, 2`,
    p.values,
  );
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const readyBy = Object.fromEntries(READY_BASES.map((b) => [b, 0])) as Record<ReadyBasis, number>;
  for (const r of rows) {
    byVerdict[r.verdict] += r.n;
    if (r.basis) readyBy[r.basis] += r.n;
  }
  const inScope = rows.filter((r) => r.verdict !== "retired").reduce((a, r) => a + r.n, 0);
  return { inScope, ready: byVerdict.ready, readyBy, byVerdict };
}

export async function reportData(actor: Actor, s: ChartScope, atRiskLimit = REPORT_AT_RISK_LIMIT): Promise<ReportData> {
  const at = now();
  const context: ReadinessContext = { floor: s.campaign.floor, now: at };
  const query = listQuerySchema.parse({ ...filtersOf(s), verdict: AT_RISK.join(","), sort: "verdict", pageSize: Math.min(atRiskLimit, 1000) });
  const [head, burndown, areas, atRisk] = await Promise.all([headline(actor, s, context), burndownView(s), byCategory(s), queryList(query, actor, context)]);
  const focus = s.milestone ? focusMilestone([{ ...s.milestone, dueAt: new Date(s.milestone.dueAt) }], at) : null;
  const countdown = focus && s.milestone
    ? {
        milestone: s.milestone.name,
        dueAt: s.milestone.dueAt,
        state: focus.state,
        days: Math.floor((focus.state === "upcoming" ? focus.msUntil : focus.msSince) / 86_400_000),
      }
    : null;
  return { generatedAt: at, countdown, headline: head, burndown, byCategory: areas, atRisk };
}

// Numbers as they are (a negative pace is a number, not a formula); text through the export's guard.
const csvLine = (values: unknown[]) => values.map((v) => (typeof v === "number" ? String(v) : csvCell(v))).join(",");

/** The report's numbers as CSV sections (each a header row and its rows, separated by a blank line). */
export function reportCsv(s: ChartScope, r: ReportData): string {
  const lines: string[] = [];
  const section = (title: string, header: string[], rows: unknown[][]) => {
    if (lines.length) lines.push("");
    lines.push(csvLine([title]), csvLine(header), ...rows.map(csvLine));
  };
  section("Report", ["campaign", "milestone", "due", "generated", "impact area", "owner filter"], [
    [s.campaign.name, s.milestone?.name ?? "", s.milestone?.dueAt ?? "", r.generatedAt.toISOString(), s.category ? CATEGORY_INFO[s.category].label : "every", s.owner === "*" ? "everyone" : s.owner === "-" ? "nobody" : s.owner],
  ]);
  section("Headline", ["measure", "count"], [
    ["in scope", r.headline.inScope],
    ...READY_BASES.map((b) => [verdictLabel("ready", b), r.headline.readyBy[b]]),
    ...VERDICTS.filter((v) => v !== "ready").map((v) => [verdictLabel(v, null), r.headline.byVerdict[v]]),
  ]);
  section("Projection", ["ready on", "days late", "pace per day"], [[r.burndown.projection.readyOn ?? "", r.burndown.projection.daysLate ?? "", r.burndown.projection.pacePerDay]]);
  section("Burn-down", ["date", "not ready", "ready", "total", "ideal", "projected"], r.burndown.data.map((d) => [d.date, d.notReady ?? "", d.ready ?? "", d.total ?? "", d.ideal ?? "", d.projected ?? ""]));
  section(`By impact area (${r.byCategory.day ?? "no snapshot yet"})`, ["impact area", ...SEGMENTS.map(segmentLabel), "total"], r.byCategory.data.map((d) => [d.label, ...SEGMENTS.map((x) => d[x]), d.total]));
  section("At risk", ["integration", "impact area", "owner", "verdict", "reason"], r.atRisk.data.map((i) => [i.name, CATEGORY_INFO[i.category].label, i.owner?.name ?? "nobody", verdictLabel(i.readiness.verdict, i.readiness.basis), i.readiness.reason]));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
