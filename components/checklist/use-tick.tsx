"use client";
// Ticking in place, shared by the integration page, the board and My work: the box moves at once
// (optimistic) and is rolled back, with the reason, on a refusal or a conflict; an item that needs
// evidence asks for it first. One ticker serves a whole list (the board's strip), so a page of
// many boxes does not carry a set of hooks per box.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { tickChecklistItemAction } from "@/lib/actions/checklists";
import type { ChecklistItemView } from "@/lib/checklists/items";

/** What ticking needs to know of an item (the board's strip carries no more than this). */
export type TickableItem = Pick<ChecklistItemView, "id" | "title" | "evidence" | "done" | "version">;

/** Ticks any item of a list; `active` is the item whose evidence form or error is showing. */
export function useTicker<T extends TickableItem>(onChange: (item: T) => void) {
  const router = useRouter();
  const action = useAction(tickChecklistItemAction);
  const [active, setActive] = useState<{ id: string; asking: boolean } | null>(null);

  function send(item: T, done: boolean, evidence: { note?: string; evidenceUrl?: string } = {}) {
    const needsEvidence = item.evidence !== "none";
    setActive({ id: item.id, asking: active?.id === item.id && active.asking });
    onChange({ ...item, done }); // optimistic; rolled back below when refused
    action.run(
      { id: item.id, done, version: item.version, ...evidence },
      (saved) => {
        setActive(null);
        onChange({ ...item, ...saved });
        router.refresh(); // the status, the verdict and the history follow the tick
      },
      (err) => {
        const current = err.status === 409 ? (err.current as ChecklistItemView | undefined) : undefined;
        onChange(current ? { ...item, ...current } : item);
        if (current) router.refresh(); // someone else's tick may have moved the status and the history too
        setActive({ id: item.id, asking: Boolean(done && needsEvidence && err.fields) });
      },
    );
  }

  /** A box changed: a tick that needs evidence asks for it; anything else is sent at once. */
  function toggle(item: T, checked: boolean) {
    action.clearError();
    if (checked && item.evidence !== "none") setActive({ id: item.id, asking: true });
    else send(item, checked);
  }

  function cancel() {
    setActive(null);
    action.clearError();
  }

  return { ...action, send, toggle, cancel, active };
}
export type Ticker = ReturnType<typeof useTicker<TickableItem>>;

/** One item's ticker (the integration page and My work). */
export function useTick<T extends TickableItem>(item: T, onChange: (item: T) => void) {
  const ticker = useTicker(onChange);
  const mine = ticker.active?.id === item.id;
  return {
    ...ticker,
    send: (done: boolean, evidence?: { note?: string; evidenceUrl?: string }) => ticker.send(item, done, evidence),
    toggle: (checked: boolean) => ticker.toggle(item, checked),
    asking: mine && ticker.active!.asking,
    needsEvidence: item.evidence !== "none",
  };
}

/** The note or link a verification item needs before it can be ticked. */
export function EvidenceForm({
  idBase,
  item,
  ticker,
  submit,
}: {
  idBase: string;
  item: TickableItem;
  ticker: Pick<Ticker, "cancel" | "pending" | "fieldError">;
  submit: (evidence: { note?: string; evidenceUrl?: string }) => void;
}) {
  return (
    <form
      className="space-y-2 rounded-md bg-slate-50 p-3"
      aria-label={`Evidence for ${item.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        submit({ note: String(form.get("note") ?? ""), evidenceUrl: item.evidence === "link" ? String(form.get("evidenceUrl") ?? "") : undefined });
      }}
    >
      {item.evidence === "link" ? (
        <Field label="Link to the evidence" htmlFor={`${idBase}-url`} hint="e.g. the Login History report or export" error={ticker.fieldError("evidenceUrl")}>
          <Input id={`${idBase}-url`} name="evidenceUrl" type="url" inputMode="url" placeholder="https://" error={ticker.fieldError("evidenceUrl")} />
        </Field>
      ) : null}
      <Field label={item.evidence === "note" ? "How was it verified?" : "Note (optional)"} htmlFor={`${idBase}-note`} error={ticker.fieldError("note")}>
        <Textarea id={`${idBase}-note`} name="note" rows={2} error={ticker.fieldError("note")} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={ticker.pending}>
          Tick it
        </Button>
        <Button size="sm" variant="ghost" onClick={ticker.cancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
