import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { NumbersDetails } from "./numbers-details";

export interface DataTable {
  caption: string;
  columns: string[];
  rows: ReactNode[][];
}

/**
 * A chart with its title and description, an empty state that says what to do, and the same
 * numbers as a table (for screen readers and for copying) under "Show the numbers".
 */
export function ChartCard({ id, title, description, empty, table, children }: {
  id: string;
  title: string;
  description?: ReactNode;
  /** Shown instead of the chart and table when there is nothing to draw. */
  empty: { title: string; body: ReactNode } | null;
  table: DataTable;
  children: ReactNode;
}) {
  return (
    <Card data-chart={id} className="break-inside-avoid">
      <CardHeader title={title} description={description} />
      <CardBody className="space-y-3">
        {empty ? (
          <EmptyState title={empty.title}>{empty.body}</EmptyState>
        ) : (
          <>
            {children}
            <NumbersDetails label={table.caption}>
              <NumbersTable table={table} />
            </NumbersDetails>
          </>
        )}
      </CardBody>
    </Card>
  );
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
                  {cell}
                </th>
              ) : (
                <td key={j} className="px-2 py-1 text-right">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
