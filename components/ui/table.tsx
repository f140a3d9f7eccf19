import type { ReactNode } from "react";

/** The header row every plain table here shares: small caps labels, the first column inset like the card. */
export function TableHead({ columns }: { columns: (ReactNode | { label: ReactNode; align?: "right" })[] }) {
  return (
    <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
      <tr>
        {columns.map((c, i) => {
          const col = c !== null && typeof c === "object" && "label" in (c as object) ? (c as { label: ReactNode; align?: "right" }) : { label: c as ReactNode };
          return (
            <th key={i} className={`${i === 0 ? "px-5" : "px-3"} py-2 font-medium ${col.align === "right" ? "text-right" : ""}`}>
              {col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
