"use client";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { SEGMENTS, segmentLabel, type Segment } from "@/lib/history/segments";
import { ChartLegend } from "./chart-legend";
import { fillOf, PatternDefs } from "./patterns";
import { segmentSwatch } from "./swatches";
import { ResponsiveChart } from "./responsive-chart";

export type VerdictBarRow = { key: string; label: string; total: number } & Record<Segment, number>;

/**
 * Stacked horizontal bars of verdicts, one per impact area or owner. Clicking a segment opens the
 * inventory filtered to that row and verdict (`hrefFor`); the table under the chart has the same
 * links for the keyboard.
 */
export function VerdictBars({ chart, rows, hrefs, axisLabel }: { chart: string; rows: VerdictBarRow[]; hrefs: Record<string, Record<Segment, string>>; axisLabel: string }) {
  const router = useRouter();
  const used = SEGMENTS.filter((s) => rows.some((r) => r[s] > 0));
  const swatches = Object.fromEntries(used.map((s) => [s, segmentSwatch(s)]));
  return (
    <div className="space-y-2">
      <ResponsiveChart height={Math.max(140, rows.length * 38 + 60)} label={`${axisLabel}: integrations stacked by readiness verdict`}>
        {(width, height) => (
          <BarChart width={width} height={height} data={rows} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 20 }}>
            <PatternDefs chart={chart} swatches={swatches} />
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} label={{ value: "Integrations", position: "insideBottom", offset: -12, fontSize: 12, fill: "#334155" }} />
            <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12, fill: "#334155" }} label={{ value: axisLabel, angle: -90, position: "insideLeft", fontSize: 12, fill: "#334155", dy: 40 }} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(v, name) => [`${v}`, name]} />
            {used.map((s) => (
              <Bar
                key={s}
                dataKey={s}
                name={segmentLabel(s)}
                stackId="verdict"
                fill={fillOf(chart, s, swatches[s])}
                stroke="#ffffff"
                isAnimationActive={false}
                cursor="pointer"
                onClick={(item) => {
                  const row = item.payload as VerdictBarRow | undefined;
                  if (row) router.push(hrefs[row.key][s]);
                }}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveChart>
      <ChartLegend chart={chart} items={used.map((s) => ({ id: s, label: segmentLabel(s), swatch: swatches[s] }))} />
    </div>
  );
}
