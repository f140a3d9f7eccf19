"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { CATEGORIES, CATEGORY_INFO, type Category } from "@/lib/integrations/categories";
import { ChartLegend } from "./chart-legend";
import { fillOf, PatternDefs } from "./patterns";
import { CATEGORY_SWATCHES } from "./swatches";
import { ResponsiveChart } from "./responsive-chart";

export type ThroughputRow = { week: string; total: number } & Partial<Record<Category, number>>;

/** Checklist items ticked per week, stacked by impact area. */
export function ThroughputChart({ rows }: { rows: ThroughputRow[] }) {
  const used = CATEGORIES.filter((c) => rows.some((r) => (r[c] ?? 0) > 0));
  const swatches = Object.fromEntries(used.map((c) => [c, CATEGORY_SWATCHES[c]]));
  return (
    <div className="space-y-2">
      <ResponsiveChart height={260} label="Checklist items ticked per week by impact area">
        {(width, height) => (
          <BarChart width={width} height={height} data={rows} margin={{ left: 8, right: 16, top: 8, bottom: 24 }}>
            <PatternDefs chart="throughput" swatches={swatches} />
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="week" tick={{ fontSize: 11, fill: "#334155" }} minTickGap={30} label={{ value: "Week starting", position: "insideBottom", offset: -14, fontSize: 12, fill: "#334155" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} label={{ value: "Items ticked", angle: -90, position: "insideLeft", fontSize: 12, fill: "#334155", dy: 30 }} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} />
            {used.map((c) => (
              <Bar key={c} dataKey={c} name={CATEGORY_INFO[c].label} stackId="area" fill={fillOf("throughput", c, swatches[c])} stroke="#ffffff" isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ResponsiveChart>
      <ChartLegend chart="throughput" items={used.map((c) => ({ id: c, label: CATEGORY_INFO[c].label, swatch: swatches[c] }))} />
    </div>
  );
}
