"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { probeIntegrationAction } from "@/lib/actions/probes";
import type { Jsonified } from "@/lib/http/json";
import type { ProbeView } from "@/lib/probes/read";
import { ProbeOutcomeBadge } from "./outcome-badge";

/** GET /api/v1/probes/:id, as far as this button reads it. */
type ProbeReply = Pick<Jsonified<ProbeView>, "status" | "outcome" | "handshakeVersion" | "errorKind" | "certProblem" | "result">;

type Phase = { state: "idle" } | { state: "waiting"; probeId: string; status: string } | { state: "done"; probe: ProbeReply };

/** Queues a probe and follows it live until its result is stored. */
export function ProbeButton({ integrationId }: { integrationId: string }) {
  const router = useRouter();
  const { run, pending, error } = useAction(probeIntegrationAction);
  const [phase, setPhase] = useState<Phase>({ state: "idle" });
  const [slow, setSlow] = useState(false);
  const probeId = phase.state === "waiting" ? phase.probeId : null;

  useEffect(() => {
    if (!probeId) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const slowTimer = setTimeout(() => setSlow(true), 15_000);
    const poll = async () => {
      try {
        const res = await fetch(`/api/v1/probes/${probeId}`, { cache: "no-store" });
        if (res.ok) {
          const probe: ProbeReply = await res.json();
          if (probe.status === "done" || probe.status === "cancelled") {
            setPhase({ state: "done", probe });
            setSlow(false);
            router.refresh();
            return;
          }
          if (!stop) setPhase((p) => (p.state === "waiting" ? { ...p, status: probe.status } : p));
          if (probe.status === "running") setSlow(false);
        }
      } catch {
        // a blip: keep polling
      }
      if (!stop) timer = setTimeout(poll, 1000);
    };
    timer = setTimeout(poll, 700);
    return () => {
      stop = true;
      clearTimeout(timer);
      clearTimeout(slowTimer);
    };
  }, [probeId, router]);

  const waiting = phase.state === "waiting";
  return (
    <div className="space-y-2">
      <Button
        variant="primary"
        disabled={pending || waiting}
        onClick={() => run({ id: integrationId }, (r) => setPhase({ state: "waiting", probeId: r.probeId, status: "queued" }))}
      >
        {pending ? "Queuing…" : waiting ? (phase.status === "running" ? "Probing…" : "Queued…") : "Probe now"}
      </Button>
      <p className="text-sm text-slate-600" role="status" data-testid="probe-status">
        {waiting ? (phase.status === "running" ? "Handshaking with the endpoint…" : "Waiting for a worker to take the probe…") : null}
        {phase.state === "done" ? (
          <>
            Done: <ProbeOutcomeBadge outcome={phase.probe.outcome} probe={phase.probe} />
            {phase.probe.result?.error ? <span className="ml-1">{phase.probe.result.error.message}</span> : null}
          </>
        ) : null}
      </p>
      {slow && waiting ? <Alert kind="warning">Still queued after 15 seconds: is a worker running? Start one with <code>npm run worker</code>.</Alert> : null}
      {error ? <Alert kind="error">{error.message}</Alert> : null}
    </div>
  );
}
