"use client";
import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./chart-legend";
import { fillOf, PatternDefs, type Swatch } from "./patterns";
import { ResponsiveChart } from "./responsive-chart";

const SWATCHES: Record<string, Swatch> = {
  "30": { color: "#b91c1c", pattern: "solid" },
  "60": { color: "#c2410c", pattern: "stripes" },
  "90": { color: "#b45309", pattern: "dots" },
};

/** Certificates expiring within 30, 60 and 90 days: one bar each, with its number on it. */
export function CertificatesChart({ rows }: { rows: { days: number; count: number }[] }) {
  const data = rows.map((r) => ({ ...r, window: `Within ${r.days} days` }));
  return (
    <div className="space-y-2">
      <ResponsiveChart height={200} label="Certificates expiring within 30, 60 and 90 days">
        {(width, height) => (
          <BarChart width={width} height={height} data={data} margin={{ left: 8, right: 16, top: 16, bottom: 24 }}>
            <PatternDefs chart="certificates" swatches={SWATCHES} />
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="window" tick={{ fontSize: 12, fill: "#334155" }} label={{ value: "Expiry window", position: "insideBottom", offset: -14, fontSize: 12, fill: "#334155" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} label={{ value: "Certificates", angle: -90, position: "insideLeft", fontSize: 12, fill: "#334155", dy: 30 }} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} />
            <Bar dataKey="count" name="Certificates" isAnimationActive={false} fill={fillOf("certificates", "30", SWATCHES["30"])}>
              <LabelList dataKey="count" position="top" fontSize={12} fill="#1e293b" />
            </Bar>
          </BarChart>
        )}
      </ResponsiveChart>
      <ChartLegend chart="certificates" items={[{ id: "30", label: "Certificates expiring in the window (each window includes the shorter ones)", swatch: SWATCHES["30"] }]} />
    </div>
  );
}
