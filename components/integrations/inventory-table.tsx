"use client";
import { flexRender, getCoreRowModel, useReactTable, type RowSelectionState, type SortingState, type VisibilityState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { SORTABLE } from "@/lib/integrations/list-options";
import { BulkBar } from "./bulk-bar";
import { COLUMNS } from "./columns";
import type { DirectoryUser, InventoryAbilities, InventoryRow } from "./types";
import { useTableUrl } from "./use-table-url";

const VIRTUALISE_ABOVE = 100;
const ROW_HEIGHT = 45;

export function InventoryTable({
  rows,
  total,
  page,
  pageSize,
  users,
  abilities,
}: {
  rows: InventoryRow[];
  total: number;
  page: number;
  pageSize: number;
  users: DirectoryUser[];
  abilities: InventoryAbilities;
}) {
  const { params, update, pending } = useTableUrl();
  const sortParam = params.get("sort") ?? "name";
  const sorting: SortingState = [{ id: sortParam.replace(/^-/, ""), desc: sortParam.startsWith("-") }];
  const hidden = (params.get("hide") ?? "").split(",").filter(Boolean);
  // Someone no bulk action applies to (a manager) gets no selection column at all.
  const canBulk = abilities.editSome || abilities.probe || abilities.reassign || abilities.delete;
  const columnVisibility: VisibilityState = { ...Object.fromEntries(hidden.map((id) => [id, false])), select: canBulk };
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);

  // TanStack Table's API is not memoisable by the React Compiler (not enabled here); it re-renders as data changes.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: COLUMNS,
    getRowId: (r) => r.id,
    enableRowSelection: (row) => row.original.selectable,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility, rowSelection },
    onRowSelectionChange: (u) => {
      setAllMatching(false);
      setRowSelection(u);
    },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const s = next[0];
      update({ sort: s ? `${s.desc ? "-" : ""}${s.id}` : null });
    },
  });

  const selectedIds = useMemo(() => Object.keys(rowSelection).filter((k) => rowSelection[k]), [rowSelection]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUALISE_ABOVE;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    enabled: virtual,
  });
  const tableRows = table.getRowModel().rows;
  const items = virtual ? virtualizer.getVirtualItems() : tableRows.map((_, index) => ({ index, start: index * ROW_HEIGHT, end: (index + 1) * ROW_HEIGHT }));
  const padTop = virtual && items.length ? items[0].start : 0;
  const padBottom = virtual && items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const visibleCount = table.getVisibleLeafColumns().length;

  return (
    <div className={pending ? "opacity-60 transition-opacity" : ""}>
      <BulkBar
        selectedIds={selectedIds}
        allMatching={allMatching}
        total={total}
        onSelectAllMatching={() => setAllMatching(true)}
        onClear={() => {
          setRowSelection({});
          setAllMatching(false);
        }}
        pageFullySelected={selectedIds.length === rows.filter((r) => r.selectable).length && selectedIds.length > 0}
        users={users}
        abilities={abilities}
      />
      <div ref={scrollRef} className={`overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm ${virtual ? "max-h-[70vh]" : ""}`}>
        <table className="w-full text-sm" aria-rowcount={total}>
          <thead className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const sortable = (SORTABLE as readonly string[]).includes(h.column.id) && h.column.getCanSort();
                  const dir = h.column.getIsSorted();
                  return (
                    <th key={h.id} className="px-3 py-2 font-medium" aria-sort={dir ? (dir === "desc" ? "descending" : "ascending") : undefined}>
                      {sortable ? (
                        <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-slate-900" onClick={h.column.getToggleSortingHandler()}>
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          <span aria-hidden>{dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}</span>
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {padTop > 0 ? (
              <tr aria-hidden>
                <td colSpan={visibleCount} style={{ height: padTop }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const row = tableRows[item.index];
              return (
                <tr
                  key={row.id}
                  // Rows wrap to different heights: measured, so the scroll maths stays right.
                  ref={virtual ? virtualizer.measureElement : undefined}
                  data-index={item.index}
                  className={row.getIsSelected() ? "bg-blue-50" : "hover:bg-slate-50"}
                  style={{ minHeight: ROW_HEIGHT }}
                  data-testid="inventory-row"
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-2 align-middle">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 ? (
              <tr aria-hidden>
                <td colSpan={visibleCount} style={{ height: padBottom }} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-slate-600" role="status">
          {total === 0 ? "0" : `${(page - 1) * pageSize + 1}–${Math.min(total, page * pageSize)}`} of {total} integrations
        </p>
        <nav className="flex items-center gap-2" aria-label="Pagination">
          <button type="button" className="rounded border border-slate-300 px-2.5 py-1 disabled:opacity-40" disabled={page <= 1} onClick={() => update({ page: String(page - 1) }, { resetPage: false })}>
            Previous
          </button>
          <span className="text-slate-600">
            Page {page} of {pages}
          </span>
          <button type="button" className="rounded border border-slate-300 px-2.5 py-1 disabled:opacity-40" disabled={page >= pages} onClick={() => update({ page: String(page + 1) }, { resetPage: false })}>
            Next
          </button>
        </nav>
      </div>
    </div>
  );
}
