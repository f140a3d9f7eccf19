"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TableHead } from "@/components/ui/table";
import { formatDay, formatInstant } from "@/lib/format";
import type { Jsonified } from "@/lib/http/json";
import type { ImportStatus, ImportView } from "@/lib/login-history/imports";
import type { Tone } from "@/lib/tone";

type Import = Jsonified<ImportView>;

const STATUS: Record<ImportStatus, { label: string; tone: Tone }> = {
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Importing", tone: "blue" },
  done: { label: "Done", tone: "green" },
  failed: { label: "Failed", tone: "red" },
  cancelled: { label: "Cancelled", tone: "amber" },
};

const live = (i: Import) => i.status === "queued" || i.status === "running";

function duration(seconds: number | null): string {
  if (seconds === null) return "working it out";
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Progress of one import from its row in the database, so it survives a reload. */
function Progress({ i }: { i: Import }) {
  if (i.status === "queued") return <p className="text-sm text-slate-600">Waiting for a worker to pick it up…</p>;
  const pct = i.bytes ? Math.min(100, Math.round((i.bytesRead / i.bytes) * 100)) : 0;
  return (
    <div className="space-y-1">
      <div className="h-2 w-full max-w-xs overflow-hidden rounded bg-slate-200" role="progressbar" aria-label={`Import of ${i.fileName}`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-full bg-blue-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-600" data-testid="import-progress">
        {i.rowsRead.toLocaleString("en")} rows read · {(i.rowsPerSecond ?? 0).toLocaleString("en")} rows/s · time left {duration(i.secondsLeft)}
      </p>
    </div>
  );
}

/** The unreadable rows of an import (line and reason, the first 1,000), loaded when opened. */
function RowErrors({ i }: { i: Import }) {
  const [errors, setErrors] = useState<Import["errors"] | null>(null);
  const [failed, setFailed] = useState(false);
  async function load(open: boolean) {
    if (!open || errors) return;
    try {
      const res = await fetch(`/api/v1/login-history/imports/${i.id}`, { cache: "no-store" });
      if (!res.ok) throw new Error(String(res.status));
      setErrors(((await res.json()) as Import).errors);
    } catch {
      setFailed(true);
    }
  }
  return (
    <details className="text-xs" onToggle={(e) => load((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer text-amber-900">{i.rowsRefused.toLocaleString("en")} unreadable rows</summary>
      {failed ? <p className="text-red-800">Could not load them; try again.</p> : null}
      {errors ? (
        <ul className="mt-1 max-h-48 overflow-y-auto">
          {errors.map((e) => (
            <li key={`${e.line}-${e.reason}`}>
              Line {e.line}: {e.reason}
            </li>
          ))}
          {i.rowsRefused > errors.length ? <li>… and {(i.rowsRefused - errors.length).toLocaleString("en")} more (the first 1,000 are kept)</li> : null}
        </ul>
      ) : null}
    </details>
  );
}

/** The imports, with live progress while one runs; admins cancel and delete. */
export function ImportList({ initial, canManage }: { initial: Import[]; canManage: boolean }) {
  const router = useRouter();
  const [imports, setImports] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The findings, chart and summary below are the server's: refreshed when an import finishes,
  // which takes a few seconds on a large table. Until then they say so rather than look final.
  const [refreshing, startRefresh] = useTransition();

  const watching = imports.filter(live).map((i) => i.id).join(",");
  useEffect(() => {
    if (!watching) return;
    const timer = setTimeout(async () => {
      try {
        const next = await Promise.all(
          watching.split(",").map(async (id) => {
            const res = await fetch(`/api/v1/login-history/imports/${id}`, { cache: "no-store" });
            if (!res.ok) throw new Error(String(res.status));
            return (await res.json()) as Import;
          }),
        );
        setProblem(null);
        setImports((all) => all.map((i) => next.find((n) => n.id === i.id) ?? i));
        // A finished import changes the findings below.
        if (next.some((n) => !live(n))) startRefresh(() => router.refresh());
      } catch {
        setProblem("Lost contact with the server while following the import; retrying…");
        setImports((all) => [...all]);
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [watching, imports, router]);

  async function act(i: Import, action: "cancel" | "delete") {
    const question =
      action === "cancel" ? `Cancel the import of “${i.fileName}”? Nothing it read is kept.` : `Delete the import of “${i.fileName}”? The ${i.rowsImported.toLocaleString("en")} logins it brought go with it, except those another import also holds.`;
    if (!window.confirm(question)) return;
    setBusy(i.id);
    try {
      const res = await fetch(`/api/v1/login-history/imports/${i.id}${action === "cancel" ? "/cancel" : ""}`, { method: action === "cancel" ? "POST" : "DELETE" });
      if (!res.ok) setProblem((await res.json().catch(() => null))?.error?.message ?? `The import could not be ${action === "cancel" ? "cancelled" : "deleted"}.`);
      else setProblem(null);
      startRefresh(() => router.refresh());
    } catch {
      setProblem("Could not reach the server; check the connection and try again.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <div>
      <p role="status" className="px-5 pb-3 text-sm text-slate-700 empty:hidden" data-testid="findings-updating">
        {refreshing ? "Updating the findings, chart and summary with the imports as they now stand…" : ""}
      </p>
      {problem ? (
        <div className="px-5 pb-3">
          <Alert kind="error">{problem}</Alert>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <TableHead columns={["File", "Status", "Rows", "Logins covered", "Uploaded", ""]} />
          <tbody className="divide-y divide-slate-100">
            {imports.map((i) => (
              <tr key={i.id} id={`import-${i.id}`} className="align-top" data-testid="import-row">
                <td className="px-5 py-3 font-medium text-slate-900">{i.fileName}</td>
                <td className="space-y-2 px-3 py-3">
                  <Badge tone={STATUS[i.status].tone}>{STATUS[i.status].label}</Badge>
                  {live(i) ? <Progress i={i} /> : null}
                  {i.failure ? <p className="max-w-sm text-xs text-red-800">{i.failure}</p> : null}
                </td>
                <td className="px-3 py-3 tabular-nums text-slate-700">
                  {/* New logins are known at the commit: while it reads, only what it has read. */}
                  {i.status === "done" ? `${i.rowsImported.toLocaleString("en")} new of ${i.rowsRead.toLocaleString("en")} read` : `${i.rowsRead.toLocaleString("en")} read`}
                  {i.rowsRefused ? <RowErrors i={i} /> : null}
                </td>
                <td className="px-3 py-3 text-slate-700">{i.from ? `${formatDay(i.from)} – ${formatDay(i.to)}` : "—"}</td>
                <td className="px-3 py-3 text-slate-700">
                  {formatInstant(i.uploadedAt)}
                  <span className="block text-xs text-slate-500">
                    by {i.uploadedBy?.name ?? "a removed user"} · {i.timeZone}, {i.dateOrder}
                  </span>
                </td>
                <td className="px-3 py-3 text-right">
                  {canManage ? (
                    <div className="flex justify-end gap-2">
                      {live(i) ? (
                        <Button size="sm" variant="secondary" disabled={busy === i.id} onClick={() => act(i, "cancel")} aria-label={`Cancel the import of ${i.fileName}`}>
                          Cancel
                        </Button>
                      ) : null}
                      <Button size="sm" variant="secondary" disabled={busy === i.id} onClick={() => act(i, "delete")} aria-label={`Delete the import of ${i.fileName}`}>
                        Delete
                      </Button>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
