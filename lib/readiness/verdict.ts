// The readiness verdict: derived, never typed in. From the latest probe of the current endpoint,
// the integration's status and an admin's explicit override. It always says why.
// lib/readiness/verdict-sql.ts is the same rule in SQL (for filtering and sorting); a test keeps
// the two in step.
import { compareVersions, displayVersion, type TlsVersionName } from "@/lib/tls-probe/versions";
import type { Status } from "@/lib/integrations/categories";

export const VERDICTS = ["not_ready", "certificate", "unreachable", "blocked", "not_probed", "unverified", "ready", "retired"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_INFO: Record<Verdict, { label: string; tone: "green" | "red" | "amber" | "neutral" | "violet" | "blue" }> = {
  ready: { label: "Ready", tone: "green" },
  not_ready: { label: "Not ready", tone: "red" },
  certificate: { label: "Certificate problem", tone: "red" },
  unreachable: { label: "Unreachable", tone: "amber" },
  blocked: { label: "Blocked", tone: "red" },
  not_probed: { label: "Not probed", tone: "blue" },
  unverified: { label: "Unverified", tone: "neutral" },
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
  /** For "ready": proven by a handshake, or declared by an admin. */
  basis?: "proof" | "declaration";
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function verdictOf(input: VerdictInput): Explained {
  const { probe, floor } = input;
  const floorText = displayVersion(floor);
  const warnings: string[] = [];
  const meets = probe?.handshakeVersion ? compareVersions(probe.handshakeVersion, floor) >= 0 : false;
  // A probe that completed and shows nothing at the floor contradicts any declaration.
  const provenBelow = probe !== null && !probe.errorKind && !meets;

  if (input.status === "retired") return { verdict: "retired", reason: "Retired: no longer in use, so the cutoff cannot break it.", warnings };

  if (probe) {
    const age = Math.floor((input.now.getTime() - probe.finishedAt.getTime()) / 86_400_000);
    if (age > STALE_AFTER_DAYS) warnings.push(`The latest probe is ${age} days old: probe again before relying on it.`);
    if (meets && probe.acceptsTls10 && floor !== "TLSv1") warnings.push("It still accepts TLS 1.0 as well (harmless for the cutoff, but worth switching off).");
  }
  const negotiated = probe?.handshakeVersion ? `Negotiated ${displayVersion(probe.handshakeVersion)} in a real handshake on ${day(probe.finishedAt)}` : "";

  if (probe && meets && !probe.certProblem) {
    return { verdict: "ready", basis: "proof", reason: `${negotiated} (floor ${floorText}).`, warnings };
  }

  // A declaration holds for the floor it was made for (or a lower one), never a higher one, and
  // never against a probe that shows the endpoint below the floor.
  const override = input.override;
  const forThisFloor = override && override.floor !== null && compareVersions(floor, override.floor) <= 0;
  if (override && !forThisFloor) {
    const made = override.floor ? displayVersion(override.floor) : "an earlier floor";
    warnings.unshift(`Declared ready for ${made} by ${override.by ?? "an admin"}; not re-verified for ${floorText}.`);
  }
  if (override && forThisFloor && provenBelow) {
    warnings.unshift(`Declared ready by ${override.by ?? "an admin"} (“${override.reason}”), but its latest probe contradicts that.`);
  }
  if (override && forThisFloor && !provenBelow) {
    if (probe?.certProblem) warnings.unshift(`Certificate: ${probe.certProblem}.`);
    return { verdict: "ready", basis: "declaration", reason: `Declared ready by ${override.by ?? "an admin"}: ${override.reason}`, warnings };
  }

  if (probe && meets && probe.certProblem) {
    return {
      verdict: "certificate",
      reason: `${negotiated}, but a client checking certificates (as Salesforce does) would refuse it: ${probe.certProblem}.`,
      warnings,
    };
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
