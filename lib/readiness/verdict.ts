// The readiness rule: derived, never typed in. From the latest probe of the current endpoint, the
// integration's status, an admin's declaration, its checklist and Login History; it always says why. This file is the one
// definition in TypeScript; lib/readiness/verdict-sql.ts renders the same rule in SQL (to filter,
// sort and count in the database), and tests/integration/verdict-sql.test.ts keeps the two in step.
// Client-safe: badges and tables read the labels below.
import { compareVersions, displayVersion, type TlsVersionName } from "@/lib/tls-probe/versions";
import type { Status } from "@/lib/integrations/categories";
import type { Tone } from "@/lib/tone";

export const VERDICTS = ["not_ready", "certificate", "unreachable", "blocked", "not_probed", "unverified", "ready", "retired"] as const;
export type Verdict = (typeof VERDICTS)[number];


export const VERDICT_INFO: Record<Verdict, { label: string; tone: Tone }> = {
  ready: { label: "Ready", tone: "green" },
  not_ready: { label: "Not ready", tone: "red" },
  certificate: { label: "Certificate problem", tone: "red" },
  unreachable: { label: "Unreachable", tone: "amber" },
  blocked: { label: "Blocked", tone: "red" },
  not_probed: { label: "Not probed", tone: "blue" },
  unverified: { label: "Unverified", tone: "neutral" },
  retired: { label: "Retired", tone: "violet" },
};

/**
 * What a "ready" verdict rests on. Every ready verdict has exactly one basis, and each reads
 * differently wherever the verdict is shown (a declaration is not proof, nor is a checklist). A new
 * kind of evidence is a new basis here and in readinessSql.
 */
export const READY_BASES = ["proven", "declared", "checklist"] as const;
export type ReadyBasis = (typeof READY_BASES)[number];

export const READY_BASIS_INFO: Record<ReadyBasis, { label: string }> = {
  proven: { label: "Ready" },
  declared: { label: "Ready (declared)" },
  checklist: { label: "Ready (checklist)" },
};

/**
 * What a verdict filter may ask for: a verdict, or a ready verdict of one basis
 * ("ready-checklist"), as the inventory's and the board's URLs carry it.
 */
export const VERDICT_FILTERS = [...VERDICTS, ...READY_BASES.map((b) => `ready-${b}` as const)] as const;
export type VerdictFilter = (typeof VERDICT_FILTERS)[number];

export function verdictFilterLabel(filter: VerdictFilter): string {
  if (filter.startsWith("ready-")) return READY_BASIS_INFO[filter.slice("ready-".length) as ReadyBasis].label;
  return filter === "ready" ? "Ready (any basis)" : VERDICT_INFO[filter as Verdict].label;
}

/** The verdict as people read it: "Ready (declared)" is not "Ready". */
export function verdictLabel(verdict: Verdict, basis: ReadyBasis | null): string {
  return verdict === "ready" && basis ? READY_BASIS_INFO[basis].label : VERDICT_INFO[verdict].label;
}

/**
 * What a finished probe shows against a floor: the newest version that completed a real handshake
 * is at the floor or newer, with a certificate clients accept (meets_floor) or not (certificate);
 * or the probe could not complete (unreachable); or it completed and shows nothing at the floor
 * (below_floor: this is what defeats an admin's declaration).
 */
export const PROBE_FINDINGS = ["meets_floor", "certificate", "below_floor", "unreachable"] as const;
export type ProbeFinding = (typeof PROBE_FINDINGS)[number];

/** The stored facts of a probe that the finding rests on (lib/probes/facts.ts writes them). */
export interface FindingFacts {
  handshakeVersion: TlsVersionName | null;
  errorKind: string | null;
  certProblem: string | null;
}

export function probeFinding(probe: FindingFacts, floor: TlsVersionName): ProbeFinding {
  if (probe.handshakeVersion && compareVersions(probe.handshakeVersion, floor) >= 0) return probe.certProblem ? "certificate" : "meets_floor";
  return probe.errorKind ? "unreachable" : "below_floor";
}

/** Evidence older than this still counts, with a warning to probe again. */
export const STALE_AFTER_DAYS = 7;

export interface ProbeEvidence extends FindingFacts {
  errorMessage: string | null;
  finishedAt: Date;
  acceptsTls10: boolean | null;
}

/**
 * The integration's checklist in the active campaign, counted (current items only): what the
 * "checklist" basis rests on. readinessSql counts the same in SQL (checklistCompletedSql).
 */
export interface ChecklistFacts {
  required: number;
  requiredDone: number;
  /** Required verification items, and how many of them are done with the evidence they ask for. */
  verification: number;
  verifiedWithEvidence: number;
  /** When the last required item was ticked. */
  lastDoneAt: Date | null;
}

/**
 * When the checklist was completed, or null while it is not: every required item done, and at
 * least one verification item among them, each done with its evidence (a checklist without a
 * verification step proves nothing).
 */
export function checklistCompletedAt(c: ChecklistFacts | null): Date | null {
  if (!c || c.required === 0 || c.requiredDone < c.required) return null;
  if (c.verification === 0 || c.verifiedWithEvidence < c.verification) return null;
  return c.lastDoneAt;
}

export interface ReadinessInput {
  status: Status;
  hasEndpoint: boolean;
  /** Null when the integration has no items in the active campaign. */
  checklist: ChecklistFacts | null;
  /** The last sign-in over TLS 1.0 that a Login History import saw after the checklist was completed, if any. */
  legacyLoginAt: Date | null;
  /** The last sign-in below the floor in its linked Login History, while it is not yet clean for a while since. */
  belowFloorLoginAt: Date | null;
  /** An admin's declaration, the floor it was made for, and when (a later TLS 1.0 sign-in contradicts it). */
  override: { reason: string; by: string | null; floor: TlsVersionName | null; at?: Date | null } | null;
  probe: ProbeEvidence | null;
  floor: TlsVersionName;
  now: Date;
}

/** An integration's readiness: its verdict, what a "ready" rests on, why, and what to watch. */
export interface Readiness {
  verdict: Verdict;
  /** Set exactly when the verdict is "ready". */
  basis: ReadyBasis | null;
  reason: string;
  warnings: string[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function readinessOf(input: ReadinessInput): Readiness {
  const { probe, floor } = input;
  const floorText = displayVersion(floor);
  const warnings: string[] = [];
  const finding = probe ? probeFinding(probe, floor) : null;
  const result = (verdict: Verdict, reason: string, basis: ReadyBasis | null = null): Readiness => ({ verdict, basis, reason, warnings });

  if (input.status === "retired") return result("retired", "Retired: no longer in use, so the cutoff cannot break it.");

  const atFloor = finding === "meets_floor" || finding === "certificate";
  if (probe) {
    const age = Math.floor((input.now.getTime() - probe.finishedAt.getTime()) / 86_400_000);
    if (age > STALE_AFTER_DAYS) warnings.push(`The latest probe is ${age} days old: probe again before relying on it.`);
    if (atFloor && probe.acceptsTls10 && floor !== "TLSv1") warnings.push("It still accepts TLS 1.0 as well (harmless for the cutoff, but worth switching off).");
  }
  const negotiated = probe?.handshakeVersion ? `Negotiated ${displayVersion(probe.handshakeVersion)} in a real handshake on ${day(probe.finishedAt)}` : "";

  if (finding === "meets_floor") return result("ready", `${negotiated} (floor ${floorText}).`, "proven");

  // A checklist is proof only where no probe can be: with an endpoint, the probe stays the proof.
  const completedAt = checklistCompletedAt(input.checklist);
  const checklistCounts = completedAt !== null && !input.hasEndpoint && !probe;
  if (completedAt && !checklistCounts) {
    warnings.push(`Checklist complete, waiting for proof: ${probe ? `its latest probe does not show it at the ${floorText} floor` : "probe its endpoint"}.`);
  }
  // A sign-in over TLS 1.0 after the checklist was completed contradicts it.
  const legacyLogin = completedAt && checklistCounts && input.legacyLoginAt && input.legacyLoginAt > completedAt ? input.legacyLoginAt : null;

  // A declaration holds for the floor it was made for (or a lower one), never a higher one, and
  // never against a probe that shows the endpoint below the floor.
  const override = input.override;
  const forThisFloor = override && override.floor !== null && compareVersions(floor, override.floor) <= 0;
  // A probe below the floor contradicts it; so does Login History still showing a sign-in below
  // the floor after it was made.
  const loginAfterDeclaration = Boolean(override?.at && input.belowFloorLoginAt && input.belowFloorLoginAt > override.at);
  const contradicted = finding === "below_floor" || loginAfterDeclaration;
  if (override && !forThisFloor) {
    const made = override.floor ? displayVersion(override.floor) : "an earlier floor";
    warnings.unshift(`Declared ready for ${made} by ${override.by ?? "an admin"}; not re-verified for ${floorText}.`);
  }
  if (override && forThisFloor && contradicted) {
    const by = finding === "below_floor" ? "its latest probe contradicts that" : `Login History shows a sign-in below the ${floorText} floor on ${day(input.belowFloorLoginAt!)}, after it`;
    warnings.unshift(`Declared ready by ${override.by ?? "an admin"} (“${override.reason}”), but ${by}.`);
  }
  if (override && forThisFloor && !contradicted) {
    if (probe?.certProblem) warnings.unshift(`Certificate: ${probe.certProblem}.`);
    if (input.belowFloorLoginAt) warnings.unshift(`Login History still shows a sign-in below the ${floorText} floor on ${day(input.belowFloorLoginAt)}.`);
    return result("ready", `Declared ready by ${override.by ?? "an admin"}: ${override.reason}`, "declared");
  }
  if (checklistCounts && !legacyLogin) {
    return result("ready", `Checklist complete on ${day(completedAt)}: every required item done, verified with evidence.`, "checklist");
  }
  if (legacyLogin && completedAt) {
    warnings.unshift(`Login History shows a sign-in over TLS 1.0 on ${day(legacyLogin)}, after its checklist was completed on ${day(completedAt)}.`);
  }

  if (probe && finding === "certificate") {
    return result("certificate", `${negotiated}, but a client checking certificates (as Salesforce does) would refuse it: ${probe.certProblem}.`);
  }
  if (input.status === "blocked") return result("blocked", "Blocked: the work to make it ready cannot go on (see its notes).");
  if (probe && finding === "unreachable") {
    return result("unreachable", `The latest probe (${day(probe.finishedAt)}) could not complete: ${probe.errorMessage ?? probe.errorKind}.`);
  }
  if (probe) {
    const best = probe.handshakeVersion ? `its newest version is ${displayVersion(probe.handshakeVersion)}` : "no version completed a handshake";
    return result("not_ready", `The latest probe (${day(probe.finishedAt)}) shows ${best}, below the ${floorText} floor.`);
  }
  if (input.hasEndpoint) return result("not_probed", "It has an endpoint but no probe of it yet: run one.");
  if (legacyLogin) {
    return result("not_ready", `Its checklist is complete, but something still signed in over TLS 1.0 on ${day(legacyLogin)}: find and fix it, then tick the verification again.`);
  }
  if (input.belowFloorLoginAt) {
    return result(
      "not_ready",
      `Login History shows it signing in below the ${floorText} floor, most recently on ${day(input.belowFloorLoginAt)}: it will fail at the cutoff. Once its logins are at the floor for a week, its Login History item ticks itself.`,
    );
  }
  return result("unverified", "Nothing here a server-side probe can test: complete its checklist (with the verification evidence), or an admin can declare it ready.");
}
