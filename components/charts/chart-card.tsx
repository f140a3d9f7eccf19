import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { NumbersDetails, type DataTable } from "./numbers-details";

export type { DataTable } from "./numbers-details";

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
            <NumbersDetails table={table} />
          </>
        )}
      </CardBody>
    </Card>
  );
}
