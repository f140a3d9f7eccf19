"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyShare } from "@/lib/login-history/findings";

/** The share of logins over TLS 1.0 per day; the same numbers follow as a table. */
export function Tls10ShareChart({ data }: { data: DailyShare[] }) {
  return (
    <div className="h-64" role="img" aria-label="Share of logins over TLS 1.0 per day, in percent (the table below has the same numbers)">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} width={48} />
          <Tooltip formatter={(v) => [`${v}%`, "TLS 1.0 share"]} />
          <Line type="monotone" dataKey="share" name="TLS 1.0 share" stroke="#dc2626" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
