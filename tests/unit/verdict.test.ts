import { describe, expect, it } from "vitest";
import { verdictOf, type ProbeEvidence, type VerdictInput } from "@/lib/readiness/verdict";

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
const input = (v: Partial<VerdictInput> = {}): VerdictInput => ({ status: "in_progress", hasEndpoint: true, override: null, probe: null, floor: "TLSv1.1", now, ...v });

describe("the readiness verdict", () => {
  it("is ready only on a real handshake at or above the floor", () => {
    expect(verdictOf(input({ probe: probe() }))).toMatchObject({ verdict: "ready", reason: "Negotiated TLS 1.2 in a real handshake on 2017-02-19 (floor TLS 1.1)." });
    expect(verdictOf(input({ probe: probe({ handshakeVersion: "TLSv1.1" }) })).verdict).toBe("ready");
    expect(verdictOf(input({ probe: probe({ handshakeVersion: "TLSv1" }) }))).toMatchObject({
      verdict: "not_ready",
      reason: expect.stringContaining("newest version is TLS 1.0, below the TLS 1.1 floor"),
    });
    expect(verdictOf(input({ probe: probe({ handshakeVersion: null }) })).verdict).toBe("not_ready");
  });

  it("follows the campaign's floor", () => {
    const p = probe({ handshakeVersion: "TLSv1.1" });
    expect(verdictOf(input({ probe: p, floor: "TLSv1.1" })).verdict).toBe("ready");
    expect(verdictOf(input({ probe: p, floor: "TLSv1.2" })).verdict).toBe("not_ready");
  });

  it("says why an endpoint could not be judged", () => {
    expect(verdictOf(input({ probe: probe({ handshakeVersion: null, errorKind: "timeout", errorMessage: "no answer within 5 s" }) }))).toMatchObject({
      verdict: "unreachable",
      reason: expect.stringContaining("no answer within 5 s"),
    });
    expect(verdictOf(input()).verdict).toBe("not_probed");
    expect(verdictOf(input({ hasEndpoint: false })).verdict).toBe("unverified");
  });

  it("puts retired first, then an admin's declaration, then proof, then blocked", () => {
    expect(verdictOf(input({ status: "retired", probe: probe() })).verdict).toBe("retired");
    const declared = verdictOf(input({ hasEndpoint: false, override: { reason: "Kiosks upgraded to IE 11", by: "Dana", floor: "TLSv1.1" } }));
    expect(declared).toMatchObject({ verdict: "ready", reason: "Declared ready by Dana: Kiosks upgraded to IE 11" });
    // A probe that shows the endpoint below the floor defeats a declaration.
    const contradicted = verdictOf(input({ override: { reason: "vendor says so", by: "Dana", floor: "TLSv1.1" }, probe: probe({ handshakeVersion: "TLSv1" }) }));
    expect(contradicted.verdict).toBe("not_ready");
    expect(contradicted.warnings[0]).toBe("Declared ready by Dana (“vendor says so”), but its latest probe contradicts that.");
    // One that could not reach it (an internal host, say) does not.
    const unreachable = verdictOf(input({ override: { reason: "checked from inside", by: "Dana", floor: "TLSv1.1" }, probe: probe({ handshakeVersion: null, errorKind: "timeout" }) }));
    expect(unreachable).toMatchObject({ verdict: "ready", basis: "declaration" });
    expect(verdictOf(input({ status: "blocked", probe: probe() })).verdict).toBe("ready");
    expect(verdictOf(input({ status: "blocked", probe: probe({ handshakeVersion: "TLSv1" }) })).verdict).toBe("blocked");
  });

  it("holds a declaration only for the floor it was made for", () => {
    const override = { reason: "IE 11 everywhere", by: "Dana", floor: "TLSv1.1" as const };
    expect(verdictOf(input({ hasEndpoint: false, override, floor: "TLSv1" })).verdict).toBe("ready");
    const raised = verdictOf(input({ hasEndpoint: false, override, floor: "TLSv1.2" }));
    expect(raised.verdict).toBe("unverified");
    expect(raised.warnings[0]).toBe("Declared ready for TLS 1.1 by Dana; not re-verified for TLS 1.2.");
    expect(verdictOf(input({ hasEndpoint: false, override: { ...override, floor: null } })).verdict).toBe("unverified");
  });

  it("warns about stale evidence, certificate problems and TLS 1.0 still accepted", () => {
    const v = verdictOf(input({ probe: probe({ finishedAt: new Date("2017-02-01T00:00:00Z"), acceptsTls10: true }) }));
    expect(v).toMatchObject({ verdict: "ready", basis: "proof" });
    expect(v.warnings).toEqual([
      "The latest probe is 19 days old: probe again before relying on it.",
      "It still accepts TLS 1.0 as well (harmless for the cutoff, but worth switching off).",
    ]);
  });

  it("does not call an endpoint ready when clients would refuse its certificate", () => {
    const v = verdictOf(input({ probe: probe({ certProblem: "expired on 2017-01-31" }) }));
    expect(v).toMatchObject({ verdict: "certificate", reason: expect.stringContaining("would refuse it: expired on 2017-01-31") });
    const declared = verdictOf(input({ probe: probe({ certProblem: "not issued by a trusted authority" }), override: { reason: "Salesforce trusts our CA", by: "Dana", floor: "TLSv1.1" } }));
    expect(declared).toMatchObject({ verdict: "ready", basis: "declaration", warnings: ["Certificate: not issued by a trusted authority."] });
  });
});
