"use client";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./chart-legend";
import { PROTOCOL_LINES } from "./swatches";
import { ResponsiveChart } from "./responsive-chart";

export type ProtocolRow = { date: string; tls10: number; tls11: number; tls12: number; tls13: number };


/** Endpoints whose latest probe accepted each version, over time. */
export function ProtocolsChart({ rows }: { rows: ProtocolRow[] }) {
  return (
    <div className="space-y-2">
      <ResponsiveChart height={260} label="Endpoints accepting each TLS version over time">
        {(width, height) => (
          <LineChart width={width} height={height} data={rows} margin={{ left: 8, right: 24, top: 8, bottom: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tick={{ fontSize: 11, fill: "#334155" }} minTickGap={40} label={{ value: "Date", position: "insideBottom", offset: -14, fontSize: 12, fill: "#334155" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} label={{ value: "Endpoints", angle: -90, position: "insideLeft", fontSize: 12, fill: "#334155", dy: 30 }} />
            <Tooltip />
            {PROTOCOL_LINES.map((l) => (
              <Line key={l.key} type="stepAfter" dataKey={l.key} name={`Accepts ${l.label}`} stroke={l.color} strokeDasharray={l.dash} strokeWidth={2.5} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        )}
      </ResponsiveChart>
      <ChartLegend chart="protocols" items={PROTOCOL_LINES.map((l) => ({ id: l.key, label: `Accepts ${l.label}`, line: { color: l.color, dash: l.dash } }))} />
    </div>
  );
}
