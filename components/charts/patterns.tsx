// Fills that do not rely on colour alone: each series gets a colour and a pattern, drawn from SVG
// <pattern>s placed in each chart's <defs>. Client-safe.

export type PatternKind = "solid" | "stripes" | "dots" | "cross" | "grid" | "back" | "wide";

export interface Swatch {
  color: string;
  pattern: PatternKind;
}

/** The fill for a swatch: a pattern id (unique per chart), or the plain colour. */
export function fillOf(chart: string, key: string, s: Swatch): string {
  return s.pattern === "solid" ? s.color : `url(#${chart}-${key})`;
}

/** The <pattern> definitions of a chart's swatches, to put in its <defs>. */
export function PatternDefs({ chart, swatches }: { chart: string; swatches: Record<string, Swatch> }) {
  return (
    <defs>
      {Object.entries(swatches)
        .filter(([, s]) => s.pattern !== "solid")
        .map(([key, s]) => (
          <pattern key={key} id={`${chart}-${key}`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={s.color} />
            {s.pattern === "stripes" ? <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#ffffff" strokeWidth="1.6" /> : null}
            {s.pattern === "back" ? <path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#ffffff" strokeWidth="1.6" /> : null}
            {s.pattern === "dots" ? <circle cx="4" cy="4" r="1.6" fill="#ffffff" /> : null}
            {s.pattern === "cross" ? <path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" strokeWidth="1.2" /> : null}
            {s.pattern === "grid" ? <path d="M4,0 v8 M0,4 h8" stroke="#ffffff" strokeWidth="1.2" /> : null}
            {s.pattern === "wide" ? <path d="M0,2 h8" stroke="#ffffff" strokeWidth="2" /> : null}
          </pattern>
        ))}
    </defs>
  );
}

/** A legend swatch drawn with the same fill. */
export function SwatchIcon({ chart, id, swatch }: { chart: string; id: string; swatch: Swatch }) {
  return (
    <svg width="14" height="14" aria-hidden="true" className="inline-block shrink-0 rounded-sm border border-slate-400">
      <PatternDefs chart={`${chart}-legend`} swatches={{ [id]: swatch }} />
      <rect width="14" height="14" fill={fillOf(`${chart}-legend`, id, swatch)} />
    </svg>
  );
}
