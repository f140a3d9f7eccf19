"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface StatusByCategoryDatum {
  category: string;
  not_started: number;
  in_progress: number;
  blocked: number;
  retired: number;
}

const SERIES = [
  { key: "not_started", label: "Not started", color: "#94a3b8" },
  { key: "in_progress", label: "In progress", color: "#2563eb" },
  { key: "blocked", label: "Blocked", color: "#dc2626" },
  { key: "retired", label: "Retired", color: "#7c3aed" },
] as const;

/** Stacked bars: how far each category of integration has come. */
export function StatusByCategoryChart({ data }: { data: StatusByCategoryDatum[] }) {
  return (
    <div className="h-72" role="img" aria-label="Integrations per category, stacked by status">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 24, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="category" width={150} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="status" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
