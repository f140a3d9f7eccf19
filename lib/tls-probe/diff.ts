import type { CertificateInfo, ProbeResult } from "./types";
import { displayVersion, TLS_VERSIONS } from "./versions";

const DAY = 24 * 60 * 60 * 1000;
/** Expiry closer than this is worth a sentence even when nothing else changed. */
const EXPIRY_WARNING_DAYS = 30;

const isTested = (reason: string) => !reason.startsWith("not tested");

function protocolChanges(older: ProbeResult, newer: ProbeResult): string[] {
  const out: string[] = [];
  for (const v of TLS_VERSIONS) {
    const o = older.protocols[v];
    const n = newer.protocols[v];
    if ((!o.supported && !isTested(o.reason)) || (!n.supported && !isTested(n.reason))) continue;
    if (o.supported && !n.supported) out.push(`${displayVersion(v)} no longer accepted`);
    else if (!o.supported && n.supported) out.push(`${displayVersion(v)} now accepted`);
    else if (o.supported && n.supported && o.cipher !== n.cipher) {
      out.push(`${displayVersion(v)} cipher changed from ${o.cipher} to ${n.cipher}`);
    }
  }
  return out;
}

function certificateChanges(o: CertificateInfo | null, n: CertificateInfo | null): string[] {
  if (!o || !n) return [];
  const out: string[] = [];
  if (o.fingerprintSha256 !== n.fingerprintSha256) {
    const what =
      o.issuer !== n.issuer
        ? `new issuer ${n.issuer}`
        : o.subject !== n.subject
          ? `new subject ${n.subject}`
          : `same issuer, valid until ${n.notAfter.slice(0, 10)}`;
    out.push(`certificate changed (${what})`);
  }
  const flip = (before: boolean, after: boolean, yes: string, no: string) => {
    if (before !== after) out.push(after ? yes : no);
  };
  flip(o.trusted, n.trusted, "certificate now trusted", "certificate no longer trusted");
  flip(o.hostnameMatches, n.hostnameMatches, "certificate now matches the host name", "certificate no longer matches the host name");
  flip(o.chainComplete, n.chainComplete, "certificate chain now complete", "certificate chain no longer complete");
  return out;
}

function expiry(n: CertificateInfo | null, now: Date): string[] {
  if (!n) return [];
  const left = Date.parse(n.notAfter) - now.getTime();
  if (left < 0) return [`certificate expired on ${n.notAfter.slice(0, 10)}`];
  const days = Math.floor(left / DAY);
  if (days > EXPIRY_WARNING_DAYS) return [];
  return [days === 0 ? "certificate expires today" : `certificate expires in ${days} day${days === 1 ? "" : "s"}`];
}

/**
 * What changed between two probes of the same endpoint, as sentences a person reads in a history
 * or a notification. `now` dates the expiry warnings (the application's clock); the results
 * themselves were judged against the real clock when they were taken.
 */
export function diffProbeResults(older: ProbeResult, newer: ProbeResult, now: Date): string[] {
  const out: string[] = [];
  const oe = older.error && older.error.kind !== "handshake_failed" ? older.error : null;
  const ne = newer.error && newer.error.kind !== "handshake_failed" ? newer.error : null;
  if (!older.error && newer.error) out.push(`no longer reachable: ${newer.error.kind}`);
  else if (older.error && !newer.error) out.push(`reachable again (was ${older.error.kind})`);
  else if (older.error && newer.error && older.error.kind !== newer.error.kind) {
    out.push(`still not probed successfully: now ${newer.error.kind} (was ${older.error.kind})`);
  }
  if (older.target.address && newer.target.address && older.target.address !== newer.target.address) {
    out.push(`address changed from ${older.target.address} to ${newer.target.address}`);
  }
  if (!oe && !ne) out.push(...protocolChanges(older, newer));

  const floor = displayVersion(newer.floorCheck.floor);
  if (older.floorCheck.floor !== newer.floorCheck.floor) {
    out.push(
      `floor changed from ${displayVersion(older.floorCheck.floor)} to ${floor}; ` +
        (newer.floorCheck.meetsFloor ? "the endpoint meets it" : "the endpoint does not meet it"),
    );
  } else if (!older.floorCheck.meetsFloor && newer.floorCheck.meetsFloor) out.push(`now meets the ${floor} floor`);
  else if (older.floorCheck.meetsFloor && !newer.floorCheck.meetsFloor) out.push(`no longer meets the ${floor} floor`);

  out.push(...certificateChanges(older.certificate, newer.certificate));
  out.push(...expiry(newer.certificate, now));
  return out;
}
