"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { countdownParts, focusMilestone, formatPassed } from "@/lib/campaigns/countdown";

export interface CountdownProps {
  campaignId: string;
  campaignName: string;
  milestones: { id: string; name: string; dueAt: string }[];
  /** Application time minus real time, so the browser follows a simulated server clock. */
  offsetMs: number;
  /** Integrations not ready (proven or declared), of those in play (null until there is an inventory). */
  notReady: { notReady: number; inPlay: number } | null;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The live countdown to the active campaign's next milestone, in the header of every page. */
export function Countdown({ campaignId, campaignName, milestones, offsetMs, notReady }: CountdownProps) {
  const [nowMs, setNowMs] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now() + offsetMs), 1000);
    return () => clearInterval(timer);
  }, [offsetMs]);

  const focus = focusMilestone(milestones, new Date(nowMs));
  if (!focus) {
    return (
      <Link href={`/campaigns/${campaignId}`} className="text-sm text-slate-600 hover:underline">
        {campaignName}: no milestones yet
      </Link>
    );
  }
  const notReadyText = notReady === null ? null : `${notReady.notReady} of ${notReady.inPlay} not ready`;

  if (focus.state === "passed") {
    return (
      <Link href={`/campaigns/${campaignId}`} className="flex flex-wrap items-center gap-x-2 text-sm" data-testid="countdown">
        <span className="font-medium text-slate-700">{campaignName}</span>
        <span className="rounded bg-red-700 px-2 py-0.5 font-semibold text-white" suppressHydrationWarning>
          {focus.milestone.name} {formatPassed(focus.msSince)}
        </span>
        {notReadyText ? <span className="font-medium text-red-800">{notReadyText}</span> : null}
      </Link>
    );
  }
  const { days, hours, minutes, seconds } = countdownParts(focus.msUntil);
  const urgent = focus.msUntil < 7 * 86_400_000;
  return (
    <Link href={`/campaigns/${campaignId}`} className="flex flex-wrap items-center gap-x-2 text-sm" data-testid="countdown">
      <span className="font-medium text-slate-700">{campaignName}</span>
      <span className="text-slate-500">·</span>
      <span className="text-slate-700">{focus.milestone.name} in</span>
      <span
        className={`rounded px-2 py-0.5 font-mono font-semibold tabular-nums ${urgent ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-900"}`}
        suppressHydrationWarning
        aria-label={`${days} days ${hours} hours ${minutes} minutes`}
      >
        {days}d {pad(hours)}h {pad(minutes)}m {pad(seconds)}s
      </span>
      {notReadyText ? <span className="text-slate-600">· {notReadyText}</span> : null}
    </Link>
  );
}
