"use client";
import { useEffect, useRef } from "react";

/** A compact multi-choice filter: a button that opens a list of checkboxes. */
export function MultiSelect<T extends string>({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: { value: T; label: string }[];
  selected: T[];
  onChange: (values: T[]) => void;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener("click", close);
    return () => document.removeEventListener("click", close);
  }, []);
  const summary = selected.length === 0 ? "Any" : selected.length === 1 ? options.find((o) => o.value === selected[0])?.label : `${selected.length} selected`;
  return (
    <details ref={ref} className="relative">
      <summary
        className="flex h-9 cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-sm shadow-sm hover:bg-slate-50"
        aria-label={`${label}: ${summary}`}
      >
        <span className="text-slate-500">{label}:</span> <span className="max-w-40 truncate font-medium">{summary}</span> <span aria-hidden>▾</span>
      </summary>
      <div className="absolute z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg" role="group" aria-label={label}>
        {options.map((o) => (
          <label key={o.value} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
            <input
              type="checkbox"
              className="size-4"
              checked={selected.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
        {selected.length ? (
          <button type="button" className="mt-1 w-full rounded px-2 py-1 text-left text-xs text-blue-800 hover:bg-slate-50" onClick={() => onChange([])}>
            Clear
          </button>
        ) : null}
      </div>
    </details>
  );
}
