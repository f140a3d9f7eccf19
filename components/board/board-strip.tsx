"use client";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { EvidenceForm, useTick } from "@/components/checklist/use-tick";
import type { BoardItem } from "@/lib/checklists/board";

/** One tick box of the strip; the evidence form and any refusal open below the strip. */
function StripBox({ item, canTick, onChange, index }: { item: BoardItem; canTick: boolean; onChange: (item: BoardItem) => void; index: number }) {
  const id = useId();
  const tick = useTick(item, onChange);
  const kind = item.automatic ? " (ticked by a probe)" : item.verification ? ` (verification, needs a ${item.evidence})` : item.required ? "" : " (optional)";
  return (
    <>
      <input
        type="checkbox"
        className="size-4 accent-blue-700"
        checked={item.done}
        disabled={!canTick || Boolean(item.automatic) || tick.pending}
        aria-label={`${index + 1}. ${item.title}${kind}`}
        title={`${item.title}${kind}`}
        onChange={(e) => tick.toggle(e.target.checked)}
        data-testid="board-box"
      />
      {tick.asking || tick.error ? (
        <div className="basis-full space-y-2">
          {tick.asking ? (
            <>
              <p className="text-xs font-medium text-slate-700">{item.title}</p>
              <EvidenceForm idBase={id} item={item} tick={tick} />
            </>
          ) : null}
          {tick.error && !(tick.asking && tick.error.fields) ? <Alert kind="error">{tick.error.message}</Alert> : null}
        </div>
      ) : null}
    </>
  );
}

/**
 * An integration's checklist on the board: a strip of tick boxes (in checklist order), "3 of 5"
 * and the next open item. Owners and admins tick in place; everyone else sees the same strip, read only.
 */
export function BoardStrip({ items: fromServer, canTick, name }: { items: BoardItem[]; canTick: boolean; name: string }) {
  // A tick made here shows at once; a newer version from the server (a refresh) wins over it.
  const [local, setLocal] = useState<Record<string, BoardItem>>({});
  const items = fromServer.map((i) => (local[i.id] && local[i.id].version >= i.version ? local[i.id] : i));
  if (items.length === 0) return <span className="text-xs text-slate-500">No checklist for this campaign</span>;
  const done = items.filter((i) => i.done).length;
  const next = items.find((i) => !i.done);
  return (
    <div className="space-y-1">
      <fieldset className="flex flex-wrap items-center gap-1.5">
        <legend className="sr-only">Checklist of {name}</legend>
        {items.map((item, index) => (
          <StripBox key={item.id} index={index} item={item} canTick={canTick} onChange={(next) => setLocal((all) => ({ ...all, [next.id]: next }))} />
        ))}
        <span className="ml-1 text-xs font-medium text-slate-700" data-testid="board-progress" aria-live="polite">
          {done} of {items.length}
        </span>
      </fieldset>
      <p className="text-xs text-slate-600" data-testid="board-next">
        {next ? <>Next: {next.title}</> : "All done"}
      </p>
    </div>
  );
}
