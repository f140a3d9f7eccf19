import { formatInstant } from "@/lib/format";
import { fieldLabel } from "@/lib/integrations/fields";
import { displayValue } from "./display";

export interface TimelineEntry {
  id: string;
  at: Date;
  who: string;
  summary: string;
  changes: { field: string; from: string; to: string }[];
  /** A checklist tick's evidence link. */
  evidenceUrl?: string;
}

/** The history of one record, newest first, with what changed in each step. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No history yet.</p>;
  return (
    <ol className="space-y-4 border-l-2 border-slate-200 pl-4" aria-label="History">
      {entries.map((e) => (
        <li key={e.id} className="relative">
          <span className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full bg-slate-400" aria-hidden />
          <p className="text-sm">
            <span className="font-medium">{e.summary}</span>
          </p>
          {e.changes.length ? (
            <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
              {e.changes.map((c) => (
                <li key={c.field}>
                  {fieldLabel(c.field)}: <span className="text-slate-500 line-through">{c.from || "(empty)"}</span> → {c.to || "(empty)"}
                </li>
              ))}
            </ul>
          ) : null}
          {e.evidenceUrl ? (
            <a className="block break-all text-sm text-blue-700 underline" href={e.evidenceUrl} rel="noreferrer noopener" target="_blank">
              Evidence: {e.evidenceUrl}
            </a>
          ) : null}
          <p className="text-xs text-slate-500">
            {e.who} · {formatInstant(e.at)}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Audit entries as timeline entries, with owner ids shown as names. */
export function toTimeline(
  entries: { id: string; at: Date; actorLabel: string; summary: string; before: unknown; after: unknown; action: string }[],
  names: Map<string, string>,
): TimelineEntry[] {
  const show = (field: string, v: unknown) => displayValue(field, v, (id) => names.get(id));
  return [...entries].reverse().map((e) => {
    const before = (e.before ?? {}) as Record<string, unknown>;
    const after = (e.after ?? {}) as Record<string, unknown>;
    const changes =
      e.action === "integration.update"
        ? Object.keys(after).map((field) => ({ field, from: show(field, before[field]), to: show(field, after[field]) }))
        : [];
    const evidenceUrl = e.action === "checklist.tick" && typeof after.evidenceUrl === "string" ? after.evidenceUrl : undefined;
    return { id: e.id, at: e.at, who: e.actorLabel, summary: e.summary, changes, evidenceUrl };
  });
}
