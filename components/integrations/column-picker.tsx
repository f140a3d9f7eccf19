"use client";
import { HIDEABLE } from "./columns";

/** Which columns the table shows; the choice lives in the URL (hide=…) like the rest of the view. */
export function ColumnPicker({ hidden, onChange }: { hidden: string[]; onChange: (hidden: string[]) => void }) {
  return (
    <details className="relative">
      <summary className="flex h-9 cursor-pointer list-none items-center rounded-md border border-slate-300 bg-white px-2.5 text-sm shadow-sm hover:bg-slate-50">Columns ▾</summary>
      <div className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg" role="group" aria-label="Visible columns">
        {HIDEABLE.map((c) => (
          <label key={c.id} className="flex items-center gap-2 px-2 py-1">
            <input
              type="checkbox"
              className="size-4"
              checked={!hidden.includes(c.id)}
              onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])}
            />
            {c.label}
          </label>
        ))}
      </div>
    </details>
  );
}
