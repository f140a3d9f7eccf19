"use client";
import Link from "next/link";
import { useState } from "react";

/** A table cell: a number or text, or one that links (into the inventory, say). */
export type Cell = string | number | { text: string | number; href: string };

export interface DataTable {
  caption: string;
  columns: string[];
  rows: Cell[][];
}

/**
 * "Show the numbers": the chart's table, built in the browser when opened from plain rows. A year
 * of days is hundreds of rows; as server-rendered elements they made the page's payload several
 * times the size of the data.
 */
export function NumbersDetails({ table }: { table: DataTable }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="text-sm print:hidden" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-blue-800 hover:underline">Show the numbers</summary>
      {open ? (
        // Focusable, so the keyboard can scroll a long table.
        <div className="mt-2 max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={table.caption}>
          <NumbersTable table={table} />
        </div>
      ) : null}
    </details>
  );
}

function CellContent({ cell }: { cell: Cell }) {
  if (typeof cell === "object") {
    return (
      <Link className="text-blue-800 hover:underline" href={cell.href}>
        {cell.text}
      </Link>
    );
  }
  return <>{cell}</>;
}

export function NumbersTable({ table }: { table: DataTable }) {
  return (
    <table className="w-full text-sm tabular-nums">
      <caption className="sr-only">{table.caption}</caption>
      <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          {table.columns.map((c, i) => (
            <th key={c} scope="col" className={`px-2 py-1.5 font-medium ${i ? "text-right" : ""}`}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={i} className="border-b border-slate-100">
            {r.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row" className="px-2 py-1 text-left font-normal">
                  <CellContent cell={cell} />
                </th>
              ) : (
                <td key={j} className="px-2 py-1 text-right">
                  <CellContent cell={cell} />
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
