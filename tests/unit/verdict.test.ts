import { describe, expect, it } from "vitest";
import {
  READY_BASES,
  READY_BASIS_INFO,
  checklistCompletedAt,
  probeFinding,
  readinessOf,
  verdictLabel,
  type ChecklistFacts,
  type FindingFacts,
  type ProbeEvidence,
  type ReadinessInput,
} from "@/lib/readiness/verdict";
import { PROBE_OUTCOMES, PROBE_OUTCOME_INFO, outcomeText, probeOutcome } from "@/lib/probes/outcome";

const now = new Date("2017-02-20T09:00:00Z");
const probe = (p: Partial<ProbeEvidence> = {}): ProbeEvidence => ({
  handshakeVersion: "TLSv1.2",
  errorKind: null,
  errorMessage: null,
  finishedAt: new Date("2017-02-19T09:00:00Z"),
  acceptsTls10: false,
  certProblem: null,
  ...p,
});
const input = (v: Partial<ReadinessInput> = {}): ReadinessInput => ({
  status: "in_progress",
  hasEndpoint: true,
  checklist: null,
  legacyLoginAt: null,
  belowFloorLoginAt: null,
  override: null,
  probe: null,
  floor: "TLSv1.1",
  now,
  ...v,
});
const completedOn = new Date("2017-02-18T10:00:00Z");
/** A finished checklist: five required items, one a verification item done with its evidence. */
const checklist = (c: Partial<ChecklistFacts> = {}): ChecklistFacts => ({ required: 5, requiredDone: 5, verification: 1, verifiedWithEvidence: 1, lastDoneAt: completedOn, ...c });

describe("the readiness verdict", () => {
  it("is ready only on a real handshake at or above the floor", () => {
    expect(readinessOf(input({ probe: probe() }))).toMatchObject({ verdict: "ready", reason: "Negotiated TLS 1.2 in a real handshake on 2017-02-19 (floor TLS 1.1)." });
    expect(readinessOf(input({ probe: probe({ handshakeVersion: "TLSv1.1" }) })).verdict).toBe("ready");
    expect(readinessOf(input({ probe: probe({ handshakeVersion: "TLSv1" }) }))).toMatchObject({
      verdict: "not_ready",
      reason: expect.stringContaining("newest version is TLS 1.0, below the TLS 1.1 floor"),
    });
    expect(readinessOf(input({ probe: probe({ handshakeVersion: null }) })).verdict).toBe("not_ready");
  });

  it("follows the campaign's floor", () => {
    const p = probe({ handshakeVersion: "TLSv1.1" });
    expect(readinessOf(input({ probe: p, floor: "TLSv1.1" })).verdict).toBe("ready");
    expect(readinessOf(input({ probe: p, floor: "TLSv1.2" })).verdict).toBe("not_ready");
  });

  it("says why an endpoint could not be judged", () => {
    expect(readinessOf(input({ probe: probe({ handshakeVersion: null, errorKind: "timeout", errorMessage: "no answer within 5 s" }) }))).toMatchObject({
      verdict: "unreachable",
      reason: expect.stringContaining("no answer within 5 s"),
    });
    expect(readinessOf(input()).verdict).toBe("not_probed");
    expect(readinessOf(input({ hasEndpoint: false })).verdict).toBe("unverified");
  });

  it("puts retired first, then an admin's declaration, then proof, then blocked", () => {
    expect(readinessOf(input({ status: "retired", probe: probe() })).verdict).toBe("retired");
    const declared = readinessOf(input({ hasEndpoint: false, override: { reason: "Kiosks upgraded to IE 11", by: "Dana", floor: "TLSv1.1" } }));
    expect(declared).toMatchObject({ verdict: "ready", reason: "Declared ready by Dana: Kiosks upgraded to IE 11" });
    // A probe that shows the endpoint below the floor defeats a declaration.
    const contradicted = readinessOf(input({ override: { reason: "vendor says so", by: "Dana", floor: "TLSv1.1" }, probe: probe({ handshakeVersion: "TLSv1" }) }));
    expect(contradicted.verdict).toBe("not_ready");
    expect(contradicted.warnings[0]).toBe("Declared ready by Dana (“vendor says so”), but its latest probe contradicts that.");
    // One that could not reach it (an internal host, say) does not.
    const unreachable = readinessOf(input({ override: { reason: "checked from inside", by: "Dana", floor: "TLSv1.1" }, probe: probe({ handshakeVersion: null, errorKind: "timeout" }) }));
    expect(unreachable).toMatchObject({ verdict: "ready", basis: "declared" });
    expect(readinessOf(input({ status: "blocked", probe: probe() })).verdict).toBe("ready");
    expect(readinessOf(input({ status: "blocked", probe: probe({ handshakeVersion: "TLSv1" }) })).verdict).toBe("blocked");
  });

  it("holds a declaration only for the floor it was made for", () => {
    const override = { reason: "IE 11 everywhere", by: "Dana", floor: "TLSv1.1" as const };
    expect(readinessOf(input({ hasEndpoint: false, override, floor: "TLSv1" })).verdict).toBe("ready");
    const raised = readinessOf(input({ hasEndpoint: false, override, floor: "TLSv1.2" }));
    expect(raised.verdict).toBe("unverified");
    expect(raised.warnings[0]).toBe("Declared ready for TLS 1.1 by Dana; not re-verified for TLS 1.2.");
    expect(readinessOf(input({ hasEndpoint: false, override: { ...override, floor: null } })).verdict).toBe("unverified");
  });

  it("warns about stale evidence, certificate problems and TLS 1.0 still accepted", () => {
    const v = readinessOf(input({ probe: probe({ finishedAt: new Date("2017-02-01T00:00:00Z"), acceptsTls10: true }) }));
    expect(v).toMatchObject({ verdict: "ready", basis: "proven" });
    expect(v.warnings).toEqual([
      "The latest probe is 19 days old: probe again before relying on it.",
      "It still accepts TLS 1.0 as well (harmless for the cutoff, but worth switching off).",
    ]);
  });

  it("does not call an endpoint ready when clients would refuse its certificate", () => {
    const v = readinessOf(input({ probe: probe({ certProblem: "expired on 2017-01-31" }) }));
    expect(v).toMatchObject({ verdict: "certificate", reason: expect.stringContaining("would refuse it: expired on 2017-01-31") });
    const declared = readinessOf(input({ probe: probe({ certProblem: "not issued by a trusted authority" }), override: { reason: "Salesforce trusts our CA", by: "Dana", floor: "TLSv1.1" } }));
    expect(declared).toMatchObject({ verdict: "ready", basis: "declared", warnings: ["Certificate: not issued by a trusted authority."] });
  });
});

describe("the checklist basis", () => {
  it("is complete only with every required item done, including a verification item with its evidence", () => {
    expect(checklistCompletedAt(checklist())).toEqual(completedOn);
    expect(checklistCompletedAt(null)).toBeNull();
    expect(checklistCompletedAt(checklist({ requiredDone: 4 }))).toBeNull();
    expect(checklistCompletedAt(checklist({ verifiedWithEvidence: 0 }))).toBeNull();
    expect(checklistCompletedAt(checklist({ verification: 0, verifiedWithEvidence: 0 }))).toBeNull();
    expect(checklistCompletedAt(checklist({ required: 0, requiredDone: 0, verification: 0, verifiedWithEvidence: 0 }))).toBeNull();
  });

  it("makes ready (checklist) an integration no probe can test, and reads differently from proven and declared", () => {
    const v = readinessOf(input({ hasEndpoint: false, checklist: checklist() }));
    expect(v).toEqual({ verdict: "ready", basis: "checklist", reason: "Checklist complete on 2017-02-18: every required item done, verified with evidence.", warnings: [] });
    expect(verdictLabel("ready", "checklist")).toBe("Ready (checklist)");
    expect(new Set(READY_BASES.map((b) => READY_BASIS_INFO[b].label)).size).toBe(READY_BASES.length);
    // An unfinished checklist leaves it unverified, saying what would make it ready.
    expect(readinessOf(input({ hasEndpoint: false, checklist: checklist({ requiredDone: 4 }) }))).toMatchObject({
      verdict: "unverified",
      reason: expect.stringContaining("complete its checklist"),
    });
  });

  it("never makes ready an integration whose endpoint a probe can test: it waits for proof", () => {
    const notProbed = readinessOf(input({ checklist: checklist() }));
    expect(notProbed).toMatchObject({ verdict: "not_probed", basis: null, warnings: ["Checklist complete, waiting for proof: probe its endpoint."] });
    const below = readinessOf(input({ checklist: checklist(), probe: probe({ handshakeVersion: "TLSv1" }) }));
    expect(below).toMatchObject({ verdict: "not_ready", warnings: ["Checklist complete, waiting for proof: its latest probe does not show it at the TLS 1.1 floor."] });
    const failing = readinessOf(input({ checklist: checklist(), probe: probe({ handshakeVersion: null, errorKind: "timeout", errorMessage: "no answer" }) }));
    expect(failing).toMatchObject({ verdict: "unreachable", warnings: [expect.stringContaining("waiting for proof")] });
    // Proof at the floor is proof, whatever the checklist says.
    expect(readinessOf(input({ checklist: checklist({ requiredDone: 0 }), probe: probe() }))).toMatchObject({ verdict: "ready", basis: "proven" });
  });

  it("is contradicted by a sign-in over TLS 1.0 after the checklist was completed", () => {
    const after = readinessOf(input({ hasEndpoint: false, checklist: checklist(), legacyLoginAt: new Date("2017-02-19T08:00:00Z") }));
    expect(after).toMatchObject({ verdict: "not_ready", basis: null, reason: expect.stringContaining("signed in over TLS 1.0 on 2017-02-19") });
    expect(after.warnings).toEqual(["Login History shows a sign-in over TLS 1.0 on 2017-02-19, after its checklist was completed on 2017-02-18."]);
    // One before completion is what the checklist fixed; equal times are not after.
    expect(readinessOf(input({ hasEndpoint: false, checklist: checklist(), legacyLoginAt: new Date("2017-02-17T08:00:00Z") })).basis).toBe("checklist");
    expect(readinessOf(input({ hasEndpoint: false, checklist: checklist(), legacyLoginAt: completedOn })).basis).toBe("checklist");
    // Blocked says blocked before the contradiction; a declaration still holds (an admin's word).
    expect(readinessOf(input({ status: "blocked", hasEndpoint: false, checklist: checklist(), legacyLoginAt: new Date("2017-02-19T08:00:00Z") })).verdict).toBe("blocked");
    const declared = readinessOf(input({ hasEndpoint: false, checklist: checklist(), override: { reason: "kiosks replaced", by: "Dana", floor: "TLSv1.1" } }));
    expect(declared.basis).toBe("declared");
  });

  it("is not ready, not merely unverified, while its Login History still shows it below the floor", () => {
    const inUse = new Date("2017-02-17T08:00:00Z");
    const below = readinessOf(input({ hasEndpoint: false, checklist: checklist({ requiredDone: 1 }), belowFloorLoginAt: inUse }));
    expect(below).toMatchObject({ verdict: "not_ready", basis: null, reason: expect.stringContaining("below the TLS 1.1 floor, most recently on 2017-02-17") });
    expect(readinessOf(input({ hasEndpoint: false, checklist: checklist({ requiredDone: 1 }) })).verdict).toBe("unverified");
    // A checklist completed after it (a person verified since) still counts; a probe or an endpoint still decides.
    expect(readinessOf(input({ hasEndpoint: false, checklist: checklist(), belowFloorLoginAt: inUse })).basis).toBe("checklist");
    expect(readinessOf(input({ hasEndpoint: true, belowFloorLoginAt: inUse })).verdict).toBe("not_probed");
    expect(readinessOf(input({ probe: probe(), belowFloorLoginAt: inUse })).basis).toBe("proven");
    expect(readinessOf(input({ status: "blocked", hasEndpoint: false, belowFloorLoginAt: inUse })).verdict).toBe("blocked");
    // A declaration made after that sign-in holds, with the evidence as a warning; one made before it is contradicted.
    const override = { reason: "kiosks replaced", by: "Dana", floor: "TLSv1.1" as const };
    const declared = readinessOf(input({ hasEndpoint: false, belowFloorLoginAt: inUse, override: { ...override, at: new Date("2017-02-18T00:00:00Z") } }));
    expect(declared).toMatchObject({ basis: "declared", warnings: ["Login History still shows a sign-in below the TLS 1.1 floor on 2017-02-17."] });
    const contradicted = readinessOf(input({ hasEndpoint: false, belowFloorLoginAt: inUse, override: { ...override, at: new Date("2017-02-16T00:00:00Z") } }));
    expect(contradicted).toMatchObject({ verdict: "not_ready", basis: null });
    expect(contradicted.warnings[0]).toBe("Declared ready by Dana (“kiosks replaced”), but Login History shows a sign-in below the TLS 1.1 floor on 2017-02-17, after it.");
  });

  it("keeps retired first and a blocked integration with a finished checklist ready (checklist), like a declaration", () => {
    expect(readinessOf(input({ status: "retired", hasEndpoint: false, checklist: checklist() })).verdict).toBe("retired");
    expect(readinessOf(input({ status: "blocked", hasEndpoint: false, checklist: checklist() })).basis).toBe("checklist");
  });
});

describe("what a probe found", () => {
  const facts = (p: Partial<FindingFacts> = {}): FindingFacts => ({ handshakeVersion: "TLSv1.2", errorKind: null, certProblem: null, ...p });

  it("meets the floor only with a real handshake at it and a certificate clients accept", () => {
    expect(probeFinding(facts(), "TLSv1.1")).toBe("meets_floor");
    expect(probeFinding(facts({ handshakeVersion: "TLSv1.1" }), "TLSv1.1")).toBe("meets_floor");
    expect(probeFinding(facts({ certProblem: "expired on 2017-01-31" }), "TLSv1.1")).toBe("certificate");
    expect(probeFinding(facts(), "TLSv1.3")).toBe("below_floor");
    expect(probeFinding(facts({ handshakeVersion: null }), "TLSv1.1")).toBe("below_floor");
    // Below the floor, a bad certificate changes nothing: the version decides first.
    expect(probeFinding(facts({ handshakeVersion: "TLSv1", certProblem: "self-signed and not trusted" }), "TLSv1.1")).toBe("below_floor");
    expect(probeFinding(facts({ handshakeVersion: null, errorKind: "timeout" }), "TLSv1.1")).toBe("unreachable");
  });

  it("gives each outcome the shared words, and a finished probe's outcome is its finding", () => {
    expect(probeOutcome({ ...facts(), status: "queued" }, "TLSv1.1")).toBe("queued");
    expect(probeOutcome({ ...facts({ certProblem: "expired on 2017-01-31" }), status: "done" }, "TLSv1.1")).toBe("certificate");
    expect(outcomeText("certificate", facts({ certProblem: "expired" }))).toBe("Certificate problem (TLS 1.2)");
    expect(outcomeText("below_floor", facts({ handshakeVersion: "TLSv1" }))).toBe("Below the floor (best TLS 1.0)");
    expect(outcomeText("below_floor", facts({ handshakeVersion: null }))).toBe("Below the floor (no handshake)");
    expect(outcomeText("unreachable", facts({ handshakeVersion: null, errorKind: "dns" }))).toBe("Unreachable (dns)");
    expect(outcomeText("running", facts())).toBe("Running");
    expect(new Set(Object.values(PROBE_OUTCOME_INFO).map((i) => i.label)).size).toBe(PROBE_OUTCOMES.length);
  });

  it("labels a declared ready differently from a proven one", () => {
    expect(verdictLabel("ready", "proven")).toBe("Ready");
    expect(verdictLabel("ready", "declared")).toBe("Ready (declared)");
    expect(verdictLabel("ready", "checklist")).toBe("Ready (checklist)");
    expect(verdictLabel("certificate", null)).toBe("Certificate problem");
  });
});
