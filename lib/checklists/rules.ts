// The pure rules of checklists (client-safe): what evidence a tick needs, and where a moved item
// lands.
import type { FieldErrors } from "@/lib/errors";
import type { EvidenceKind } from "./schemas";

/**
 * What a tick lacks, given the evidence the item asks for: a verification item is only done with
 * its evidence (a note saying how it was checked, or a link to it). Unticking needs nothing.
 */
export function evidenceProblem(
  item: { title: string; evidence: EvidenceKind },
  tick: { done: boolean; note?: string | null; evidenceUrl?: string | null },
): { message: string; fields: FieldErrors } | null {
  if (!tick.done) return null;
  if (item.evidence === "link" && !tick.evidenceUrl) {
    return {
      message: `“${item.title}” needs a link to its evidence (for example the Login History export or report) before it can be ticked.`,
      fields: { evidenceUrl: "is required: link to the evidence for this verification item" },
    };
  }
  if (item.evidence === "note" && !tick.note) {
    return {
      message: `“${item.title}” needs a note saying how it was verified before it can be ticked.`,
      fields: { note: "is required: say how this was verified" },
    };
  }
  return null;
}

/** The ids in their new order after moving `id` to `position` (1-based, clamped to the list). */
export function moveTo(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((x) => x !== id);
  const index = Math.min(Math.max(position - 1, 0), rest.length);
  return [...rest.slice(0, index), id, ...rest.slice(index)];
}
