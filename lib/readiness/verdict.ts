// The readiness verdict: derived, never typed in. From the latest probe of the current endpoint,
// the integration's status and an admin's explicit override. It always says why.
// lib/readiness/verdict-sql.ts is the same rule in SQL (for filtering and sorting); a test keeps
// the two in step.
import { compareVersions, displayVersion, type TlsVersionName } from "@/lib/probe/versions";
import type { Status } from "@/lib/integrations/categories";

export const VERDICTS = ["not_ready", "unreachable", "not_probed", "unverified", "blocked", "ready", "retired"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_INFO: Record<Verdict, { label: string; tone: "green" | "red" | "amber" | "neutral" | "violet" }> = {
  ready: { label: "Ready", tone: "green" },
  not_ready: { label: "Not ready", tone: "red" },
  unreachable: { label: "Unreachable", tone: "red" },
  not_probed: { label: "Not probed", tone: "amber" },
  unverified: { label: "Unverified", tone: "amber" },
  blocked: { label: "Blocked", tone: "red" },
  retired: { label: "Retired", tone: "violet" },
};

/** Evidence older than this still counts, with a warning to probe again. */
export const STALE_AFTER_DAYS = 7;

export interface ProbeEvidence {
  handshakeVersion: TlsVersionName | null;
  errorKind: string | null;
  errorMessage: string | null;
  finishedAt: Date;
  acceptsTls10: boolean | null;
  certProblem: string | null;
}

export interface VerdictInput {
  status: Status;
  hasEndpoint: boolean;
  /** An admin's declaration, and the floor it was made for. */
  override: { reason: string; by: string | null; floor: TlsVersionName | null } | null;
  probe: ProbeEvidence | null;
  floor: TlsVersionName;
  now: Date;
}

export interface Explained {
  verdict: Verdict;
  reason: string;
  warnings: string[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function verdictOf(input: VerdictInput): Explained {
  const { probe, floor } = input;
  const floorText = displayVersion(floor);
  const warnings: string[] = [];
  const meets = probe?.handshakeVersion ? compareVersions(probe.handshakeVersion, floor) >= 0 : false;

  if (input.status === "retired") return { verdict: "retired", reason: "Retired: no longer in use, so the cutoff cannot break it.", warnings };

  if (probe) {
    const age = Math.floor((input.now.getTime() - probe.finishedAt.getTime()) / 86_400_000);
    if (age > STALE_AFTER_DAYS) warnings.push(`The latest probe is ${age} days old: probe again before relying on it.`);
    if (probe.certProblem) warnings.push(`Certificate: ${probe.certProblem}.`);
    if (meets && probe.acceptsTls10 && floor !== "TLSv1") warnings.push("It still accepts TLS 1.0 as well (harmless for the cutoff, but worth switching off).");
  }

  // A declaration holds for the floor it was made for (or a lower one), never a higher one.
  const declared = input.override && input.override.floor !== null && compareVersions(floor, input.override.floor) <= 0 ? input.override : null;
  if (input.override && !declared) {
    const made = input.override.floor ? displayVersion(input.override.floor) : "an earlier floor";
    warnings.unshift(`Declared ready for ${made} by ${input.override.by ?? "an admin"}; not re-verified for ${floorText}.`);
  }
  if (declared) {
    if (probe && !meets) warnings.unshift(`Its latest probe does not show ${floorText} or newer.`);
    return { verdict: "ready", reason: `Declared ready by ${declared.by ?? "an admin"}: ${declared.reason}`, warnings };
  }
  if (probe && meets) {
    return { verdict: "ready", reason: `Negotiated ${displayVersion(probe.handshakeVersion!)} in a real handshake on ${day(probe.finishedAt)} (floor ${floorText}).`, warnings };
  }
  if (input.status === "blocked") return { verdict: "blocked", reason: "Blocked: the work to make it ready cannot go on (see its notes).", warnings };
  if (probe?.errorKind) {
    return { verdict: "unreachable", reason: `The latest probe (${day(probe.finishedAt)}) could not complete: ${probe.errorMessage ?? probe.errorKind}.`, warnings };
  }
  if (probe) {
    const best = probe.handshakeVersion ? `its newest version is ${displayVersion(probe.handshakeVersion)}` : "no version completed a handshake";
    return { verdict: "not_ready", reason: `The latest probe (${day(probe.finishedAt)}) shows ${best}, below the ${floorText} floor.`, warnings };
  }
  if (input.hasEndpoint) return { verdict: "not_probed", reason: "It has an endpoint but no probe of it yet: run one.", warnings };
  return {
    verdict: "unverified",
    reason: "Nothing here a server-side probe can test; once it is verified another way, an admin can declare it ready.",
    warnings,
  };
}
