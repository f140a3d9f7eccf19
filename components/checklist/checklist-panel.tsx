"use client";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { ChecklistItemView } from "@/lib/checklists/items";
import { ChecklistItemRow } from "./checklist-item";

/** "3 of 5 done · 1 required item open": how far the checklist is. */
export function progressText(items: Pick<ChecklistItemView, "done" | "required">[]): string {
  const done = items.filter((i) => i.done).length;
  const requiredOpen = items.filter((i) => i.required && !i.done).length;
  return `${done} of ${items.length} done${requiredOpen ? ` · ${requiredOpen} required item${requiredOpen === 1 ? "" : "s"} open` : ""}`;
}

/** A checklist whose items the viewer may tick in place (or only read). */
export function ChecklistPanel({ items: fromServer, canTick, label, empty }: { items: ChecklistItemView[]; canTick: boolean; label: string; empty: React.ReactNode }) {
  // Ticks made here show at once; a newer version from the server (a refresh) wins over them.
  const [local, setLocal] = useState<Record<string, ChecklistItemView>>({});
  const items = fromServer.map((i) => (local[i.id] && local[i.id].version >= i.version ? local[i.id] : i));
  if (items.length === 0) return <EmptyState title="No checklist yet">{empty}</EmptyState>;
  const done = items.filter((i) => i.done).length;
  return (
    <div>
      <div className="flex items-center gap-3">
        <progress className="h-2 w-40 overflow-hidden rounded accent-emerald-600" max={items.length} value={done} aria-label={`${label}: progress`} />
        <p className="text-sm text-slate-700" data-testid="checklist-progress" aria-live="polite">
          {progressText(items)}
        </p>
      </div>
      <ul className="divide-y divide-slate-100" aria-label={label}>
        {items.map((item) => (
          <ChecklistItemRow key={item.id} item={item} canTick={canTick} onChange={(next) => setLocal((all) => ({ ...all, [next.id]: next }))} />
        ))}
      </ul>
    </div>
  );
}
