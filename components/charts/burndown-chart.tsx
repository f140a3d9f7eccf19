"use client";
import { CartesianGrid, ComposedChart, Line, ReferenceDot, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import type { BurndownView, ChartMilestone } from "@/lib/history/series";
import { ChartLegend } from "./chart-legend";
import { ResponsiveChart } from "./responsive-chart";

const LINES = {
  notReady: { label: "Not ready", color: "#b91c1c", dash: undefined },
  ideal: { label: "Ideal", color: "#475569", dash: "2 4" },
  projected: { label: "Projected at the recent pace", color: "#b91c1c", dash: "8 5" },
} as const;

type Row = BurndownView["data"][number] & { scope?: string };

function BurndownTooltip({ active, payload, label }: TooltipContentProps<ValueType, NameType>) {
  if (!active || !payload?.length) return null;
  const row = payload[0].payload as Row;
  const line = (name: string, v: number | null) => (v === null ? null : <li>{name}: <span className="font-semibold tabular-nums">{v}</span></li>);
  return (
    <div className="rounded border border-slate-300 bg-white px-3 py-2 text-xs text-slate-800 shadow">
      <p className="font-semibold">{label}</p>
      <ul>
        {line("Not ready", row.notReady)}
        {line("Ready", row.ready)}
        {line("In scope", row.total)}
        {line("Ideal", row.ideal)}
        {row.notReady === null || row.projected !== row.notReady ? line("Projected", row.projected) : null}
        {row.scope ? <li>Scope: {row.scope}</li> : null}
      </ul>
    </div>
  );
}

/** Not ready per day, the ideal line, the dashed projection, milestones, today and scope changes. */
export function BurndownChart({ view, milestones, today }: { view: BurndownView; milestones: ChartMilestone[]; today: string }) {
  const scope = new Map(view.scopeChanges.map((c) => [c.date, [c.added ? `+${c.added} added` : "", c.retired ? `−${c.retired} retired` : ""].filter(Boolean).join(", ")]));
  const rows: Row[] = view.data.map((d) => ({ ...d, scope: scope.get(d.date) }));
  const first = rows[0]?.date ?? "";
  const last = rows.at(-1)?.date ?? "";
  return (
    <div className="space-y-2">
      <ResponsiveChart height={320} label="Burn-down: integrations not ready per day, with the ideal line and the projection">
        {(width, height) => (
          <ComposedChart width={width} height={height} data={rows} margin={{ left: 8, right: 24, top: 24, bottom: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tick={{ fontSize: 11, fill: "#334155" }} minTickGap={40} label={{ value: "Date", position: "insideBottom", offset: -14, fontSize: 12, fill: "#334155" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} label={{ value: "Integrations not ready", angle: -90, position: "insideLeft", fontSize: 12, fill: "#334155", dy: 70 }} />
            <Tooltip content={BurndownTooltip} />
            {milestones.filter((m) => m.day >= first && m.day <= last).map((m) => (
              <ReferenceLine key={m.id} x={m.day} stroke="#1e293b" strokeWidth={1.5} label={{ value: m.name, position: "top", fontSize: 11, fill: "#1e293b" }} />
            ))}
            {today >= first && today <= last ? <ReferenceLine x={today} stroke="#1d4ed8" strokeDasharray="3 3" label={{ value: "Today", position: "insideTopLeft", fontSize: 11, fill: "#1d4ed8" }} /> : null}
            <Line dataKey="ideal" name={LINES.ideal.label} stroke={LINES.ideal.color} strokeDasharray={LINES.ideal.dash} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line dataKey="notReady" name={LINES.notReady.label} stroke={LINES.notReady.color} strokeWidth={2.5} dot={false} connectNulls={false} isAnimationActive={false} />
            <Line dataKey="projected" name={LINES.projected.label} stroke={LINES.projected.color} strokeDasharray={LINES.projected.dash} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
            {view.scopeChanges.map((c) => {
              const y = rows.find((r) => r.date === c.date)?.notReady;
              return y === null || y === undefined ? null : <ReferenceDot key={c.date} x={c.date} y={y} r={4} fill="#f59e0b" stroke="#78350f" />;
            })}
          </ComposedChart>
        )}
      </ResponsiveChart>
      <ChartLegend
        chart="burndown"
        items={[
          ...Object.entries(LINES).map(([id, l]) => ({ id, label: l.label, line: { color: l.color, dash: l.dash } })),
          { id: "scope", label: "Scope changed (amber dot)", swatch: { color: "#f59e0b", pattern: "solid" as const } },
          { id: "milestone", label: "Milestone (solid vertical)", line: { color: "#1e293b" } },
          { id: "today", label: "Today (dotted vertical)", line: { color: "#1d4ed8", dash: "3 3" } },
        ]}
      />
    </div>
  );
}
