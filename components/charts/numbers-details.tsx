"use client";
import { useState, type ReactNode } from "react";

/**
 * "Show the numbers": the chart's table, rendered when opened (a year of days is hundreds of rows
 * that every request would otherwise render into HTML nobody opened).
 */
export function NumbersDetails({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="text-sm print:hidden" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-blue-800 hover:underline">Show the numbers</summary>
      {open ? (
        // Focusable, so the keyboard can scroll a long table.
        <div className="mt-2 max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={label}>
          {children}
        </div>
      ) : null}
    </details>
  );
}
