"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Measures its width and draws the chart at that size. Unlike ResponsiveContainer it also draws at
 * a fixed width before the first measurement, so the printed report and slow machines get a chart.
 */
export function ResponsiveChart({ height, label, children }: { height: number; label: string; children: (width: number, height: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(280, Math.floor(el.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} style={{ height }} className="w-full" role="figure" aria-label={label}>
      {children(width, height)}
    </div>
  );
}
