"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type State = "connecting" | "live" | "lost";
const TEXT: Record<State, string> = {
  connecting: "Connecting live updates…",
  live: "Live: changes by others appear within seconds",
  lost: "Live updates interrupted, reconnecting… (reload to be sure you see the latest)",
};

/**
 * Keeps a server-rendered page current: listens to /api/v1/board/events and refreshes the page's
 * data (not a reload: scroll, open forms and optimistic ticks stay) when someone else ticks an
 * item, a probe finishes or an integration changes.
 */
export function LiveRefresh() {
  const router = useRouter();
  const [state, setState] = useState<State>("connecting");
  useEffect(() => {
    const source = new EventSource("/api/v1/board/events");
    let interrupted = false;
    source.addEventListener("ready", () => {
      setState("live");
      // Back after a break: whatever changed meanwhile was not announced to this page.
      if (interrupted) router.refresh();
      interrupted = false;
    });
    source.addEventListener("change", () => {
      setState("live");
      router.refresh();
    });
    source.onerror = () => {
      interrupted = true;
      setState(source.readyState === EventSource.CLOSED ? "lost" : "connecting");
    };
    return () => source.close();
  }, [router]);
  return (
    <p className="flex items-center gap-2 text-xs text-slate-600" role="status" data-testid="live-state" data-state={state}>
      <span aria-hidden className={`inline-block size-2 rounded-full ${state === "live" ? "bg-emerald-600" : state === "lost" ? "bg-red-600" : "bg-amber-500"}`} />
      {TEXT[state]}
    </p>
  );
}
