"use client";
// Ticking one item in place, shared by the integration page, the board and My work: the box
// moves at once (optimistic) and is rolled back, with the reason, on a refusal or a conflict;
// an item that needs evidence asks for it first.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { tickChecklistItemAction } from "@/lib/actions/checklists";
import type { ChecklistItemView } from "@/lib/checklists/items";

/** What ticking needs to know of an item (the board's strip carries no more than this). */
export type TickableItem = Pick<ChecklistItemView, "id" | "title" | "evidence" | "done" | "version">;

export function useTick<T extends TickableItem>(item: T, onChange: (item: T) => void) {
  const router = useRouter();
  const action = useAction(tickChecklistItemAction);
  const [asking, setAsking] = useState(false);
  const needsEvidence = item.evidence !== "none";

  function send(done: boolean, evidence: { note?: string; evidenceUrl?: string } = {}) {
    const before = item;
    onChange({ ...item, done }); // optimistic; rolled back below when refused
    action.run(
      { id: item.id, done, version: item.version, ...evidence },
      (saved) => {
        setAsking(false);
        onChange({ ...item, ...saved });
        router.refresh(); // the status, the verdict and the history follow the tick
      },
      (err) => {
        const current = err.status === 409 ? (err.current as ChecklistItemView | undefined) : undefined;
        onChange(current ? { ...item, ...current } : before);
        if (current) router.refresh(); // someone else's tick may have moved the status and the history too
        if (done && needsEvidence && err.fields) setAsking(true);
      },
    );
  }

  /** A box changed: a tick that needs evidence asks for it; anything else is sent at once. */
  function toggle(checked: boolean) {
    action.clearError();
    if (checked && needsEvidence) setAsking(true);
    else send(checked);
  }

  return { ...action, send, toggle, asking, setAsking, needsEvidence };
}

/** The note or link a verification item needs before it can be ticked. */
export function EvidenceForm({ idBase, item, tick }: { idBase: string; item: TickableItem; tick: ReturnType<typeof useTick> }) {
  return (
    <form
      className="space-y-2 rounded-md bg-slate-50 p-3"
      aria-label={`Evidence for ${item.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        tick.send(true, { note: String(form.get("note") ?? ""), evidenceUrl: item.evidence === "link" ? String(form.get("evidenceUrl") ?? "") : undefined });
      }}
    >
      {item.evidence === "link" ? (
        <Field label="Link to the evidence" htmlFor={`${idBase}-url`} hint="e.g. the Login History report or export" error={tick.fieldError("evidenceUrl")}>
          <Input id={`${idBase}-url`} name="evidenceUrl" type="url" inputMode="url" placeholder="https://" error={tick.fieldError("evidenceUrl")} />
        </Field>
      ) : null}
      <Field label={item.evidence === "note" ? "How was it verified?" : "Note (optional)"} htmlFor={`${idBase}-note`} error={tick.fieldError("note")}>
        <Textarea id={`${idBase}-note`} name="note" rows={2} error={tick.fieldError("note")} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={tick.pending}>
          Tick it
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            tick.setAsking(false);
            tick.clearError();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
