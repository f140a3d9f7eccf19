"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { probeIntegrationAction } from "@/app/(dashboard)/integrations/actions";
import { displayVersion } from "@/lib/probe/versions";

type Phase = { state: "idle" } | { state: "waiting"; probeId: string; status: string; since: number } | { state: "done"; text: string };

/** Queues a probe and follows it live until its result is stored. */
export function ProbeButton({ integrationId }: { integrationId: string }) {
  const router = useRouter();
  const { run, pending, error } = useAction(probeIntegrationAction);
  const [phase, setPhase] = useState<Phase>({ state: "idle" });
  const [, tick] = useState(0);

  useEffect(() => {
    if (phase.state !== "waiting") return;
    let stop = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/v1/probes/${phase.probeId}`, { cache: "no-store" });
        if (res.ok) {
          const probe = await res.json();
          if (probe.status === "done" || probe.status === "cancelled") {
            const text =
              probe.status === "cancelled"
                ? "The probe was cancelled."
                : probe.errorKind
                  ? `Could not probe: ${probe.result?.error?.message ?? probe.errorKind}`
                  : probe.handshakeVersion
                    ? `Done: it negotiated ${displayVersion(probe.handshakeVersion)}.`
                    : "Done: no version completed a handshake.";
            setPhase({ state: "done", text });
            router.refresh();
            return;
          }
          if (!stop) setPhase((p) => (p.state === "waiting" ? { ...p, status: probe.status } : p));
        }
      } catch {
        // a blip: keep polling
      }
      if (!stop) setTimeout(poll, 1000);
      tick((n) => n + 1);
    };
    const timer = setTimeout(poll, 700);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [phase.state, phase.state === "waiting" ? phase.probeId : null, router]);

  const waiting = phase.state === "waiting";
  const slow = waiting && Date.now() - phase.since > 15_000 && phase.status === "queued";
  return (
    <div className="space-y-2">
      <Button
        variant="primary"
        disabled={pending || waiting}
        onClick={() => run({ id: integrationId }, (r) => setPhase({ state: "waiting", probeId: r.probeId, status: "queued", since: Date.now() }))}
      >
        {pending ? "Queuing…" : waiting ? (phase.status === "running" ? "Probing…" : "Queued…") : "Probe now"}
      </Button>
      <p className="text-sm text-slate-600" role="status" data-testid="probe-status">
        {waiting ? (phase.status === "running" ? "Handshaking with the endpoint…" : "Waiting for a worker to take the probe…") : phase.state === "done" ? phase.text : ""}
      </p>
      {slow ? <Alert kind="warning">Still queued after 15 seconds: is a worker running? Start one with <code>npm run worker</code>.</Alert> : null}
      {error ? <Alert kind="error">{error.message}</Alert> : null}
    </div>
  );
}
