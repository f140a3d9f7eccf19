import { CATEGORIES, CATEGORY_INFO } from "@/lib/integrations/categories";
import { SEGMENTS, segmentLabel, type Segment } from "@/lib/history/segments";
import type { BurndownView, ChartScope } from "@/lib/history/series";
import type { byCategory, byOwner, certificatesSeries, protocolsSeries, throughputSeries } from "@/lib/history/series";
import { ChartCard } from "./chart-card";
import type { Cell } from "./numbers-details";
import { BurndownChart } from "./burndown-chart";
import { VerdictBars, type VerdictBarRow } from "./verdict-bars";
import { ProtocolsChart } from "./protocols-chart";
import { PROTOCOL_LINES } from "./swatches";
import { CertificatesChart } from "./certificates-chart";
import { ThroughputChart } from "./throughput-chart";

// Each chart of the charts page and the report, with its table and empty state, from the series in
// lib/history/series.ts.

type SeriesOf<F extends (...a: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** What to do when there is no history yet. */
export const NO_HISTORY = {
  title: "No history yet",
  body: (
    <>
      The worker records every campaign&apos;s day at 23:55 (app time). To see the days before that now, reconstruct them
      from the audit log and the probe history: <code>npm run history:backfill</code>.
    </>
  ),
};

/** The inventory filtered to a slice and a segment of the bars. */
function inventoryHref(filter: { category?: string | null; owner?: string | null }, segment: Segment): string {
  const p = new URLSearchParams();
  if (filter.category) p.set("category", filter.category);
  if (filter.owner) p.set("owner", filter.owner);
  p.set("verdict", segment.startsWith("ready_") ? "ready" : segment);
  return `/integrations?${p}`;
}

function ownerParam(scope: ChartScope | null): string | null {
  if (!scope || scope.owner === "*") return null;
  return scope.owner === "-" ? "none" : scope.owner;
}

export function BurndownSection({ view, scope }: { view: BurndownView; scope: ChartScope | null }) {
  const points = view.data.filter((d) => d.notReady !== null);
  const milestone = scope?.milestone;
  return (
    <ChartCard
      id="burndown"
      title={milestone ? `Burn-down to the ${milestone.name.toLowerCase()} (${milestone.day})` : "Burn-down"}
      description={
        <>
          {view.sentence ? <span data-testid="projection-sentence" className="block font-medium text-slate-900">{view.sentence}</span> : null}
          <span className="block">
            The ideal burns each day&apos;s scope down evenly to the milestone; the projection follows the pace of the last four weeks, the last two counting triple.
          </span>
        </>
      }
      empty={points.length ? null : NO_HISTORY}
      table={{
        caption: "Integrations not ready, ready and in scope per day, with the ideal and the projection",
        columns: ["Date", "Not ready", "Ready", "In scope", "Ideal", "Projected", "Scope change"],
        rows: view.data
          .filter((d) => d.notReady !== null || d.projected !== null)
          .map((d) => {
            const c = view.scopeChanges.find((s) => s.date === d.date);
            return [d.date, d.notReady ?? "", d.ready ?? "", d.total ?? "", d.ideal ?? "", d.projected ?? "", c ? [c.added ? `+${c.added}` : "", c.retired ? `−${c.retired}` : ""].filter(Boolean).join(" ") : ""];
          }),
      }}
    >
      <BurndownChart view={view} milestones={scope?.milestones ?? []} today={scope?.today ?? ""} />
    </ChartCard>
  );
}

function barTable(rows: VerdictBarRow[], first: string, hrefs: Record<string, Record<Segment, string>>, caption: string) {
  const used = SEGMENTS.filter((s) => rows.some((r) => r[s] > 0));
  return {
    caption,
    columns: [first, ...used.map(segmentLabel), "Total"],
    rows: rows.map((r): Cell[] => [r.label, ...used.map((s) => (r[s] ? { text: r[s], href: hrefs[r.key][s] } : 0)), r.total]),
  };
}

export function ByCategorySection({ result, scope }: { result: SeriesOf<typeof byCategory>; scope: ChartScope | null }) {
  const rows: VerdictBarRow[] = result.data.map((d) => ({ ...d, key: d.category }));
  const hrefs = Object.fromEntries(rows.map((r) => [r.key, Object.fromEntries(SEGMENTS.map((s) => [s, inventoryHref({ category: r.key, owner: ownerParam(scope) }, s)]))])) as Record<string, Record<Segment, string>>;
  return (
    <ChartCard
      id="by-category"
      title="Readiness by impact area"
      description={result.day ? `On ${result.day}. Click a bar to open those integrations in the inventory.` : undefined}
      empty={rows.length ? null : NO_HISTORY}
      table={barTable(rows, "Impact area", hrefs, "Integrations per impact area by verdict")}
    >
      <VerdictBars chart="by-category" rows={rows} hrefs={hrefs} axisLabel="Impact area" />
    </ChartCard>
  );
}

export function ByOwnerSection({ result, scope }: { result: SeriesOf<typeof byOwner>; scope: ChartScope | null }) {
  const rows: VerdictBarRow[] = result.data.map((d) => ({ ...d, key: d.owner, label: d.name }));
  const hrefs = Object.fromEntries(rows.map((r) => [r.key, Object.fromEntries(SEGMENTS.map((s) => [s, inventoryHref({ category: scope?.category, owner: r.key }, s)]))])) as Record<string, Record<Segment, string>>;
  return (
    <ChartCard
      id="by-owner"
      title="Readiness by owner"
      description={result.day ? `On ${result.day}. Click a bar to open that owner's integrations in the inventory.` : undefined}
      empty={rows.length ? null : NO_HISTORY}
      table={barTable(rows, "Owner", hrefs, "Integrations per owner by verdict")}
    >
      <VerdictBars chart="by-owner" rows={rows} hrefs={hrefs} axisLabel="Owner" />
    </ChartCard>
  );
}

export function ProtocolsSection({ result }: { result: SeriesOf<typeof protocolsSeries> }) {
  // From the first day any endpoint had a probe: before it, zero endpoints accepting TLS 1.0 would
  // read as good news when nothing had been measured.
  const first = result.data.findIndex((d) => d.tls10 + d.tls11 + d.tls12 + d.tls13 > 0);
  const rows = first < 0 ? [] : result.data.slice(first);
  return (
    <ChartCard
      id="protocols"
      title="Protocols over time"
      description={`Endpoints whose latest probe accepted each version: TLS 1.0 should fall, 1.2 and 1.3 rise.${first > 0 ? ` From ${rows[0].date}, the first day with a probe.` : ""}`}
      empty={result.data.length === 0 ? NO_HISTORY : rows.length ? null : { title: "No endpoint probed yet", body: "Probe the integrations that have an endpoint (Inventory → select → Probe) to see which versions they accept." }}
      table={{ caption: "Endpoints accepting each TLS version per day", columns: ["Date", ...PROTOCOL_LINES.map((l) => `Accepts ${l.label}`)], rows: rows.map((d) => [d.date, d.tls10, d.tls11, d.tls12, d.tls13]) }}
    >
      <ProtocolsChart rows={rows} />
    </ChartCard>
  );
}

export function CertificatesSection({ result }: { result: SeriesOf<typeof certificatesSeries> }) {
  return (
    <ChartCard
      id="certificates"
      title="Certificates expiring soon"
      description={
        !result.day
          ? undefined
          : result.data.some((d) => d.count > 0)
            ? `Endpoints in scope whose certificate expires within 30, 60 or 90 days of ${result.day}.`
            : `No probed endpoint in scope has a certificate expiring within 90 days of ${result.day}.`
      }
      empty={result.day ? null : NO_HISTORY}
      table={{ caption: "Certificates expiring within each window", columns: ["Window", "Certificates"], rows: result.data.map((d) => [`Within ${d.days} days`, d.count]) }}
    >
      <CertificatesChart rows={result.data} />
    </ChartCard>
  );
}

export function ThroughputSection({ result }: { result: SeriesOf<typeof throughputSeries> }) {
  const any = result.data.some((w) => w.total > 0);
  const used = CATEGORIES.filter((c) => result.data.some((w) => (w[c] ?? 0) > 0));
  return (
    <ChartCard
      id="throughput"
      title="Checklist throughput"
      description="Checklist items ticked done per week, by impact area."
      empty={result.data.length === 0 ? NO_HISTORY : any ? null : { title: "No items ticked yet", body: "Owners tick their integrations' checklist items on each integration's page; each week's ticks show here." }}
      table={{ caption: "Items ticked per week by impact area", columns: ["Week starting", ...used.map((c) => CATEGORY_INFO[c].label), "Total"], rows: result.data.map((w) => [w.week, ...used.map((c) => w[c] ?? 0), w.total]) }}
    >
      <ThroughputChart rows={result.data} />
    </ChartCard>
  );
}
