// The vocabulary of probe outcomes, as VERDICT_INFO is for verdicts: where a probe is (queued,
// running, cancelled) or, once done, what it found against the floor (lib/readiness/verdict.ts
// decides that). Every screen that shows a probe or counts a run's probes uses these words and
// tones. Client-safe.
import { PROBE_FINDINGS, VERDICT_INFO, probeFinding, type FindingFacts } from "@/lib/readiness/verdict";
import { probeFindingSql } from "@/lib/readiness/verdict-sql";
import { displayVersion, type TlsVersionName } from "@/lib/tls-probe/versions";
import type { Tone } from "@/lib/tone";

export const PROBE_OUTCOMES = ["queued", "running", "cancelled", ...PROBE_FINDINGS] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export const PROBE_OUTCOME_INFO: Record<ProbeOutcome, { label: string; tone: Tone }> = {
  queued: { label: "Queued", tone: "blue" },
  running: { label: "Running", tone: "blue" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  meets_floor: { label: "Meets the floor", tone: "green" },
  // What a probe found reads as the verdict it leads to, where one does.
  certificate: VERDICT_INFO.certificate,
  below_floor: { label: "Below the floor", tone: "red" },
  unreachable: VERDICT_INFO.unreachable,
};

export type ProbeStatus = "queued" | "running" | "done" | "cancelled";

export function probeOutcome(probe: FindingFacts & { status: ProbeStatus }, floor: TlsVersionName): ProbeOutcome {
  return probe.status === "done" ? probeFinding(probe, floor) : probe.status;
}

/** What an outcome rests on, in a few words: the newest version that completed, or the failure. */
function outcomeDetail(outcome: ProbeOutcome, probe: FindingFacts): string | null {
  const best = probe.handshakeVersion ? displayVersion(probe.handshakeVersion) : null;
  if (outcome === "meets_floor" || outcome === "certificate") return best;
  if (outcome === "below_floor") return best ? `best ${best}` : "no handshake";
  if (outcome === "unreachable") return probe.errorKind;
  return null;
}

/** "Certificate problem (TLS 1.3)": the label and its detail, as badges and sentences show it. */
export function outcomeText(outcome: ProbeOutcome, probe: FindingFacts): string {
  const detail = outcomeDetail(outcome, probe);
  return detail ? `${PROBE_OUTCOME_INFO[outcome].label} (${detail})` : PROBE_OUTCOME_INFO[outcome].label;
}

/** probeOutcome() in SQL, for the probes alias `probe` and a floor expression (floorSql()). */
export function probeOutcomeSql(floor: string, probe = "p"): string {
  return `(CASE WHEN ${probe}.status <> 'done' THEN ${probe}.status::text ELSE ${probeFindingSql(floor, probe)} END)`;
}

export type OutcomeCounts = Record<ProbeOutcome, number>;

/** One integer column per outcome, named after it, counting the probes `probe` of a GROUP BY. */
export function outcomeCountsSql(floor: string, probe = "p"): string {
  const outcome = probeOutcomeSql(floor, probe);
  return PROBE_OUTCOMES.map((o) => `count(${probe}.id) FILTER (WHERE ${outcome} = '${o}')::int AS "${o}"`).join(",\n");
}

/** How many of these probes are done, whatever they found. */
export function doneCount(counts: OutcomeCounts): number {
  return PROBE_FINDINGS.reduce((n, f) => n + counts[f], 0);
}
