"use client";
import Link from "next/link";
import { createColumnHelper } from "@tanstack/react-table";
import { formatDay } from "@/lib/format";
import { VerdictBadge } from "@/components/readiness/verdict-badge";
import { StatusBadge, categoryLabel } from "./badges";
import type { InventoryRow } from "./types";

const col = createColumnHelper<InventoryRow>();

/** Columns whose ids match the API's sort keys where they sort. */
export const COLUMNS = [
  col.display({
    id: "select",
    enableHiding: false,
    header: ({ table }) => (
      <input
        type="checkbox"
        className="size-4"
        aria-label="Select every row on this page"
        checked={table.getIsAllPageRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomePageRowsSelected();
        }}
        onChange={table.getToggleAllPageRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        className="size-4 disabled:opacity-30"
        aria-label={`Select ${row.original.name}`}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        title={row.getCanSelect() ? undefined : "Not yours to change"}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  }),
  col.accessor("name", {
    header: "Name",
    enableHiding: false,
    cell: (c) => (
      <Link href={`/integrations/${c.row.original.id}`} className="font-medium text-blue-800 hover:underline">
        {c.getValue()}
      </Link>
    ),
  }),
  col.accessor("category", { header: "Category", cell: (c) => categoryLabel(c.getValue()) }),
  col.accessor("verdict", {
    header: "Verdict",
    cell: (c) => <VerdictBadge verdict={c.getValue()} reason={c.row.original.verdictReason} warnings={c.row.original.warnings} basis={c.row.original.verdictBasis} />,
  }),
  col.accessor("status", { header: "Status", cell: (c) => <StatusBadge status={c.getValue()} /> }),
  col.accessor((r) => r.owner?.name ?? "", { id: "owner", header: "Owner", cell: (c) => c.getValue() || <span className="text-slate-500">No owner</span> }),
  col.accessor("vendor", { header: "Vendor" }),
  col.accessor("client", { header: "Client", enableSorting: false }),
  col.accessor("endpoint", {
    id: "endpointHost",
    header: "Endpoint",
    cell: (c) =>
      c.getValue() ? (
        <span className="font-mono text-xs">
          {c.getValue()}
          {c.row.original.starttls === "smtp" ? <span className="ml-1 rounded bg-slate-100 px-1 text-slate-600">STARTTLS</span> : null}
        </span>
      ) : (
        <span className="text-slate-400">—</span>
      ),
  }),
  col.accessor("updatedAt", { header: "Updated", cell: (c) => formatDay(c.getValue()) }),
];

export const HIDEABLE = COLUMNS.filter((c) => c.enableHiding !== false && c.id !== "select").map((c) => ({
  id: (c.id ?? (c as { accessorKey?: string }).accessorKey) as string,
  label: String(c.header),
}));
