import { SwatchIcon, type Swatch } from "./patterns";

/** The legend of a chart: each series' swatch (colour and pattern) and name. */
export function ChartLegend({ chart, items }: { chart: string; items: { id: string; label: string; swatch?: Swatch; line?: { color: string; dash?: string } }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
      {items.map((it) => (
        <li key={it.id} className="flex items-center gap-1.5">
          {it.swatch ? (
            <SwatchIcon chart={chart} id={it.id} swatch={it.swatch} />
          ) : it.line ? (
            <svg width="22" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="22" y2="5" stroke={it.line.color} strokeWidth="2.5" strokeDasharray={it.line.dash} />
            </svg>
          ) : null}
          {it.label}
        </li>
      ))}
    </ul>
  );
}
