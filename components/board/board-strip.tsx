"use client";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { EvidenceForm, useTicker } from "@/components/checklist/use-tick";
import type { BoardItem } from "@/lib/checklists/board";

function kindOf(item: BoardItem): string {
  if (item.automatic) return " (ticked by a probe)";
  if (item.verification) return ` (verification, needs a ${item.evidence})`;
  return item.required ? "" : " (optional)";
}

/**
 * An integration's checklist on the board: a strip of tick boxes (in checklist order), "3 of 5"
 * and the next open item. Owners and admins tick in place (one ticker for the strip; the evidence
 * form or a refusal opens below it); everyone else sees the same strip, read only.
 */
export function BoardStrip({ items: fromServer, canTick, name }: { items: BoardItem[]; canTick: boolean; name: string }) {
  const id = useId();
  // A tick made here shows at once; a newer version from the server (a refresh) wins over it.
  const [local, setLocal] = useState<Record<string, BoardItem>>({});
  const ticker = useTicker<BoardItem>((next) => setLocal((all) => ({ ...all, [next.id]: next })));
  const items = fromServer.map((i) => (local[i.id] && local[i.id].version >= i.version ? local[i.id] : i));
  if (items.length === 0) return <span className="text-xs text-slate-500">No checklist for this campaign</span>;
  const done = items.filter((i) => i.done).length;
  const next = items.find((i) => !i.done);
  const active = ticker.active ? items.find((i) => i.id === ticker.active!.id) : undefined;
  return (
    <div className="space-y-1">
      <fieldset className="flex flex-wrap items-center gap-1.5">
        <legend className="sr-only">Checklist of {name}</legend>
        {items.map((item, index) => (
          <input
            key={item.id}
            type="checkbox"
            className="size-4 accent-blue-700"
            checked={item.done}
            disabled={!canTick || Boolean(item.automatic) || ticker.pending}
            aria-label={`${index + 1}. ${item.title}${kindOf(item)}`}
            onChange={(e) => ticker.toggle(item, e.target.checked)}
            data-testid="board-box"
          />
        ))}
        <span className="ml-1 text-xs font-medium text-slate-700" data-testid="board-progress" aria-live="polite">
          {done} of {items.length}
        </span>
      </fieldset>
      <p className="text-xs text-slate-600" data-testid="board-next">
        {next ? <>Next: {next.title}</> : "All done"}
      </p>
      {active && ticker.active?.asking ? (
        <div className="space-y-1">
          <p className="text-xs font-medium text-slate-700">{active.title}</p>
          <EvidenceForm idBase={id} item={active} ticker={ticker} submit={(evidence) => ticker.send(active, true, evidence)} />
        </div>
      ) : null}
      {ticker.error && !(ticker.active?.asking && ticker.error.fields) ? <Alert kind="error">{ticker.error.message}</Alert> : null}
    </div>
  );
}
