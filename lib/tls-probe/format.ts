import type { ProbeResult } from "./types";
import { compareVersions, displayVersion, TLS_VERSIONS } from "./versions";

// The CLI's two outputs of one probe: the JSON object (a contract since issue #4) and the
// human-readable report (plain text, no colour, so it reads the same in a terminal, a log and an
// email).

/**
 * The result as the CLI prints it with --json and --file: the same fields in the same order, the
 * floor check under its original key "verdict" (scripts and the demo's tooling read that key).
 */
export function probeResultJson(r: ProbeResult) {
  const { target, protocols, certificate, error, floorCheck, timings, durationMs, startedAt } = r;
  return { target, protocols, certificate, error, verdict: floorCheck, timings, durationMs, startedAt };
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(12)}${value}`;
}

export function formatProbeReport(r: ProbeResult): string {
  const t = r.target;
  const lines: string[] = [];
  const where = t.address && t.address !== t.host ? ` (${t.address})` : "";
  lines.push(`${t.host}:${t.port}${where}  SNI ${t.sni ?? "none"}${t.starttls === "smtp" ? "  STARTTLS smtp" : ""}`);
  lines.push("");
  lines.push("Protocols");
  for (const v of TLS_VERSIONS) {
    const p = r.protocols[v];
    const below = compareVersions(v, r.floorCheck.floor) < 0 ? " (below the floor)" : "";
    lines.push(row(displayVersion(v), p.supported ? `✓ ${p.cipher}${below}` : `✗ ${p.reason}`));
  }
  const c = r.certificate;
  if (c) {
    const validity = c.expired ? "EXPIRED" : c.notYetValid ? "NOT YET VALID" : "valid";
    lines.push("", "Certificate");
    lines.push(row("Subject", c.subject));
    lines.push(row("Issuer", c.issuer));
    lines.push(row("Names", c.sans.join(", ") || "(none)"));
    lines.push(row("Validity", `${c.notBefore} → ${c.notAfter}  ${validity}`));
    lines.push(row("Key", `${c.keyType}${c.keyBits ? ` ${c.keyBits} bits` : ""}, signed with ${c.signatureAlgorithm}`));
    lines.push(row("Trusted", c.trusted ? "yes" : c.selfSigned ? "no (self-signed)" : "no"));
    lines.push(row("Host name", c.hostnameMatches ? `matches ${t.sni ?? t.host}` : `does NOT match ${t.sni ?? t.host}`));
    lines.push(row("Chain", `${c.chainComplete ? "complete" : "INCOMPLETE (missing intermediate)"}, ${c.chainLength} certificate${c.chainLength === 1 ? "" : "s"}`));
    lines.push(row("SHA-256", c.fingerprintSha256));
  }
  lines.push("", "Floor check");
  const floor = displayVersion(r.floorCheck.floor);
  lines.push(row("Floor", r.floorCheck.meetsFloor ? `meets the ${floor} floor` : `does NOT meet the ${floor} floor`));
  if (r.floorCheck.acceptsBelowFloor) {
    const below = TLS_VERSIONS.filter((v) => compareVersions(v, r.floorCheck.floor) < 0 && r.protocols[v].supported);
    lines.push(row("Legacy", `still accepts ${below.map(displayVersion).join(", ")}`));
  }
  if (r.error) lines.push(row("Error", `${r.error.kind}: ${r.error.message}`));
  lines.push(row("Took", `${r.durationMs} ms`));
  return `${lines.join("\n")}\n`;
}
