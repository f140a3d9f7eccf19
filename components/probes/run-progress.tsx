"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import type { Jsonified } from "@/lib/http/json";
import { PROBE_OUTCOME_INFO } from "@/lib/probes/outcome";
import type { RunProgress } from "@/lib/probes/read";
import { OutcomeCountsLine } from "./outcome-counts";

/** A run's progress as JSON carries it (the API's reply, dates as text). */
type Progress = Jsonified<RunProgress>;

/** Live progress of a run, updated every second without a reload; cancellable while it runs. */
export function RunProgressPanel({ initial, canCancel }: { initial: Progress; canCancel: boolean }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const lastDone = useRef(initial.done);
  const remaining = p.outcomes.queued + p.outcomes.running;
  const [waitedLong, setWaitedLong] = useState(false);
  // Workers poll every second or so: only a run still untouched after a while deserves a word.
  useEffect(() => {
    const timer = setTimeout(() => setWaitedLong(true), 10_000);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (p.finished) return;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/v1/probe-runs/${p.id}`, { cache: "no-store" });
        if (!res.ok) throw new Error(String(res.status));
        const next: Progress = await res.json();
        setProblem(null);
        setP(next);
        // Refresh the table below as results arrive (not on every tick).
        if (next.done !== lastDone.current && (next.finished || next.done - lastDone.current >= 5)) {
          lastDone.current = next.done;
          router.refresh();
        }
      } catch {
        setProblem("Lost contact with the server; retrying…");
        setP((x) => ({ ...x }));
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [p, router]);

  async function cancel() {
    if (!window.confirm(`Cancel the ${remaining} probes not yet finished? Results already in are kept.`)) return;
    setCancelling(true);
    try {
      const res = await fetch(`/api/v1/probe-runs/${p.id}/cancel`, { method: "POST" });
      if (res.ok) {
        setP((await res.json()).progress);
        router.refresh();
      } else setProblem((await res.json().catch(() => null))?.error?.message ?? "The run could not be cancelled.");
    } catch {
      setProblem("Could not reach the server to cancel the run; check the connection and try again.");
    } finally {
      setCancelling(false);
    }
  }

  const pct = p.total ? Math.round(((p.done + p.outcomes.cancelled) / p.total) * 100) : 100;
  return (
    <Card>
      <CardBody className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm font-medium" role="status" data-testid="run-status">
            {p.finished ? (p.cancelledAt ? "Cancelled" : "Finished") : "Probing"}: {p.done} of {p.total} probed ({p.outcomes.unreachable}{" "}
            {PROBE_OUTCOME_INFO.unreachable.label.toLowerCase()}), {remaining} remaining
            {p.outcomes.cancelled ? `, ${p.outcomes.cancelled} cancelled` : ""}
          </p>
          {!p.finished && canCancel ? (
            <Button variant="secondary" size="sm" onClick={cancel} disabled={cancelling}>
              {cancelling ? "Cancelling…" : "Cancel the rest"}
            </Button>
          ) : null}
        </div>
        <div className="h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Run progress">
          <div className="h-full bg-blue-700 transition-all" style={{ width: `${pct}%` }} />
        </div>
        <OutcomeCountsLine counts={p.outcomes} />
        {waitedLong && !p.finished && p.outcomes.running === 0 && p.outcomes.queued === p.total ? (
          <Alert kind="warning">No probe worker has taken these probes yet. If this lasts, check that the probe workers are running (npm run worker).</Alert>
        ) : null}
        {problem ? <Alert kind="warning">{problem}</Alert> : null}
      </CardBody>
    </Card>
  );
}
