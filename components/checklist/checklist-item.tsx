"use client";
import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EvidenceForm, useTick } from "./use-tick";
import { formatDay } from "@/lib/format";
import type { ChecklistItemView } from "@/lib/checklists/items";

function doneLine(item: ChecklistItemView): string | null {
  if (!item.done || !item.doneAt) return null;
  if (item.tickedBy === "probe") return `Ticked by the probe of ${formatDay(item.doneAt)}`;
  if (item.tickedBy === "import") return `Ticked by the Login History import of ${formatDay(item.doneAt)}`;
  return `Done by ${item.doneBy?.name ?? "a removed user"} on ${formatDay(item.doneAt)}`;
}

/**
 * One checklist item, ticked in place: at once (optimistically) when it needs no evidence, or
 * through a small form asking for the note or link it needs. A refusal or a conflict is shown
 * next to the item; on a conflict the item shows what someone else did, ready to tick again.
 */
export function ChecklistItemRow({ item, canTick, onChange }: { item: ChecklistItemView; canTick: boolean; onChange: (item: ChecklistItemView) => void }) {
  const id = useId();
  const tick = useTick(item, onChange);
  const { pending, error, asking, needsEvidence } = tick;

  const done = doneLine(item);
  const automaticHint = item.automatic && !item.done ? "Ticks itself when a probe of the current endpoint shows it at the floor." : null;
  return (
    <li className="py-3" data-testid="checklist-item">
      <div className="flex items-start gap-3">
        <input
          id={`${id}-box`}
          type="checkbox"
          className="mt-0.5 size-4 shrink-0 accent-blue-700"
          checked={item.done}
          disabled={!canTick || Boolean(item.automatic) || pending}
          aria-describedby={`${id}-state`}
          onChange={(e) => tick.toggle(e.target.checked)}
        />
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor={`${id}-box`} className={`text-sm font-medium ${item.done ? "text-slate-600" : "text-slate-900"}`}>
            {item.title}
          </label>
          <div className="flex flex-wrap gap-1.5">
            {item.required ? null : <Badge>Optional</Badge>}
            {item.verification ? <Badge tone="blue">Verification{needsEvidence ? `: needs a ${item.evidence}` : ""}</Badge> : null}
            {item.automatic ? <Badge tone="violet">Automatic</Badge> : null}
          </div>
          <p id={`${id}-state`} className="text-xs text-slate-600">
            {done ?? automaticHint ?? "Open"}
            {item.note ? <span className="block whitespace-pre-line text-slate-700">“{item.note}”</span> : null}
            {item.evidenceUrl ? (
              <a className="block break-all text-blue-700 underline" href={item.evidenceUrl} rel="noreferrer noopener" target="_blank">
                Evidence: {item.evidenceUrl}
              </a>
            ) : null}
          </p>
          {item.guidance ? (
            <details className="text-sm text-slate-700">
              <summary className="cursor-pointer text-xs font-medium text-slate-600">Guidance</summary>
              <p className="mt-1 whitespace-pre-line">{item.guidance}</p>
            </details>
          ) : null}
          {asking ? <EvidenceForm idBase={id} item={item} ticker={tick} submit={(evidence) => tick.send(true, evidence)} /> : null}
          {error && !(asking && error.fields) ? (
            <Alert kind="error">{error.message}</Alert>
          ) : null}
        </div>
      </div>
    </li>
  );
}
