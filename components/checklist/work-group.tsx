"use client";
import { useState } from "react";
import type { ChecklistItemView } from "@/lib/checklists/items";
import { ChecklistItemRow } from "./checklist-item";

/**
 * Open items of one integration (or of the campaign's own checklist) on My work, ticked in place.
 * A ticked item stays in view, ticked, until the page's data next refreshes without it.
 */
export function WorkGroup({ items: fromServer, label }: { items: ChecklistItemView[]; label: string }) {
  const [local, setLocal] = useState<Record<string, ChecklistItemView>>({});
  const items = fromServer.map((i) => (local[i.id] && local[i.id].version >= i.version ? local[i.id] : i));
  return (
    <ul className="divide-y divide-slate-100" aria-label={label}>
      {items.map((item) => (
        <ChecklistItemRow key={item.id} item={item} canTick onChange={(next) => setLocal((all) => ({ ...all, [next.id]: next }))} />
      ))}
    </ul>
  );
}
