"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { VERDICTS, VERDICT_INFO, type Verdict } from "@/lib/readiness/verdict";

export type VerdictByCategoryDatum = { category: string } & Record<Verdict, number>;

// Distinct hues per verdict, matching the tiles and badges; legend text stays dark for contrast.
const COLORS: Record<Verdict, string> = {
  ready: "#059669",
  not_ready: "#dc2626",
  certificate: "#be185d",
  unreachable: "#ea580c",
  blocked: "#7f1d1d",
  not_probed: "#2563eb",
  unverified: "#94a3b8",
  retired: "#7c3aed",
};

/** Stacked bars: each category's integrations by readiness verdict. */
export function VerdictByCategoryChart({ data }: { data: VerdictByCategoryDatum[] }) {
  return (
    <div className="h-72" role="img" aria-label="Integrations per category, stacked by readiness verdict">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 24, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="category" width={150} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span style={{ color: "#334155" }}>{value}</span>} />
          {VERDICTS.map((v) => (
            <Bar key={v} dataKey={v} name={VERDICT_INFO[v].label} stackId="verdict" fill={COLORS[v]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
