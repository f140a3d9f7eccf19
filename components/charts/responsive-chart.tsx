"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Measures its width and draws the chart at that size, in the browser only: the server sends a box
 * of the chart's height (no layout shift) instead of laying out hundreds of SVG points on every
 * request, for a width it can only guess.
 */
export function ResponsiveChart({ height, label, children }: { height: number; label: string; children: (width: number, height: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
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
      {width === null ? null : children(width, height)}
    </div>
  );
}
