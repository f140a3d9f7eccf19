"use client";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FIELD_INFO, type IntegrationField } from "@/lib/integrations/fields";
import type { ImportPlan } from "@/lib/integrations/csv-import";
import type { ImportOutcome } from "@/lib/integrations/csv-commit";

/** POST /api/v1/integrations/import?dryRun=true, as far as this form reads it. */
type Plan = Pick<ImportPlan, "fatal" | "ignored" | "rows" | "summary">;

const TONE = { create: "green", update: "blue", unchanged: "neutral", error: "red" } as const;
const ACTION = { create: "New", update: "Update", unchanged: "Unchanged", error: "Rejected" } as const;

async function send(file: File, query: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`/api/v1/integrations/import?${query}`, { method: "POST", headers: { "content-type": "text/csv" }, body: file });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const rows = (n: number) => (n === 1 ? "1 row" : `${n} rows`);

// Errors name the CSV's own columns, not the app's field names ("owner" is the import's name for the owner's email).
const columnOf = (key: string) => FIELD_INFO[(key === "owner" ? "ownerId" : key) as IntegrationField]?.column ?? key;

function errorText(errors: Record<string, string>): string {
  return Object.entries(errors)
    .map(([k, v]) => (k === "_" ? v : `${columnOf(k)} ${v}`))
    .join("; ");
}

export function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [mode, setMode] = useState<"all_or_nothing" | "valid_only">("all_or_nothing");
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "import" | null>(null);

  async function preview(f: File) {
    setBusy("preview");
    setProblem(null);
    setOutcome(null);
    setPlan(null);
    try {
      const { status, body } = await send(f, "dryRun=true");
      if (status === 200 || (status === 422 && (body as Plan)?.fatal)) setPlan(body as Plan);
      else setProblem((body as { error?: { message: string } })?.error?.message ?? `The server answered ${status}.`);
    } catch {
      setProblem("The server could not be reached. Check your connection and try again.");
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (!file) return;
    setBusy("import");
    setProblem(null);
    try {
      const { status, body } = await send(file, `mode=${mode}`);
      if (status === 200 || status === 422) setOutcome(body as ImportOutcome);
      else setProblem((body as { error?: { message: string } })?.error?.message ?? `The server answered ${status}.`);
    } catch {
      setProblem("The server could not be reached. Nothing was imported; try again.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-4">
      <Card>
        <CardBody className="space-y-3">
          <label htmlFor="csv-file" className="block text-sm font-medium">
            CSV file
          </label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            className="block text-sm"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              if (f) void preview(f);
            }}
          />
          {busy === "preview" ? <p role="status" className="text-sm text-slate-600">Reading the file…</p> : null}
          {problem ? <Alert kind="error">{problem}</Alert> : null}
        </CardBody>
      </Card>

      {plan?.fatal ? <Alert kind="error" title="This file cannot be imported">{plan.fatal}</Alert> : null}

      {plan && !plan.fatal && !outcome?.committed ? (
        <Card>
          <CardHeader
            title="Preview"
            description={`${plan.summary.create} new, ${plan.summary.update} to update, ${plan.summary.unchanged} unchanged, ${plan.summary.error} rejected.`}
          />
          <CardBody className="space-y-4">
            {plan.ignored.length ? <p className="text-sm text-slate-600">Ignored columns: {plan.ignored.join(", ")}.</p> : null}
            <div className="max-h-96 overflow-auto rounded border border-slate-200">
              <table className="w-full text-sm">
                <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase text-slate-500">
                  <tr>
                    <th className="px-3 py-1.5">Line</th>
                    <th className="px-3 py-1.5">Name</th>
                    <th className="px-3 py-1.5">Result</th>
                    <th className="px-3 py-1.5">Details</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {plan.rows.map((r) => (
                    <tr key={r.line} data-testid={`import-line-${r.line}`}>
                      <td className="px-3 py-1.5 tabular-nums">{r.line}</td>
                      <td className="px-3 py-1.5">{r.name || "—"}</td>
                      <td className="px-3 py-1.5">
                        <Badge tone={TONE[r.action]}>{ACTION[r.action]}</Badge>
                      </td>
                      <td className="px-3 py-1.5 text-slate-700">{r.action === "error" ? errorText(r.errors) : r.changes.length ? `changes ${r.changes.join(", ")}` : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {plan.summary.error ? (
              <fieldset className="space-y-1 text-sm">
                <legend className="font-medium">{rows(plan.summary.error)} cannot be imported. What should happen?</legend>
                <label className="flex items-center gap-2">
                  <input type="radio" name="mode" checked={mode === "all_or_nothing"} onChange={() => setMode("all_or_nothing")} /> Import nothing until the file is fixed
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="mode" checked={mode === "valid_only"} onChange={() => setMode("valid_only")} /> Import the {plan.summary.create + plan.summary.update} valid rows and skip the rejected ones
                </label>
              </fieldset>
            ) : null}
            {plan.summary.error && mode === "all_or_nothing" ? (
              <p className="text-sm text-slate-700">Nothing can be imported while rows are rejected: fix the file and choose it again, or import only the valid rows.</p>
            ) : (
              <Button onClick={commit} disabled={busy !== null || plan.summary.create + plan.summary.update === 0}>
                {busy === "import" ? "Importing…" : `Import ${rows(plan.summary.create + plan.summary.update)}`}
              </Button>
            )}
          </CardBody>
        </Card>
      ) : null}

      {outcome ? (
        outcome.committed ? (
          <Alert kind="success" title="Imported">
            {outcome.created} added, {outcome.updated} updated, {outcome.unchanged} unchanged
            {outcome.rejected.length ? `; ${rows(outcome.rejected.length)} rejected and skipped (lines ${outcome.rejected.map((r) => r.line).join(", ")})` : ""}.{" "}
            <Link className="underline" href="/integrations">
              Open the inventory
            </Link>
          </Alert>
        ) : (
          <Alert kind="error" title="Nothing was imported">
            {rows(outcome.rejected.length)} not valid: {outcome.rejected.map((r) => `line ${r.line}: ${errorText(r.errors)}`).join("; ")}. Fix them, or choose above to import only the valid rows.
          </Alert>
        )
      ) : null}
    </div>
  );
}
