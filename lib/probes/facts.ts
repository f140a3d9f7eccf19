// The facts a stored probe keeps next to its full result, for verdicts and lists.
import { TLS_VERSIONS, compareVersions, type ProbeResult, type TlsVersionName } from "@/lib/tls-probe";
import { toEnum } from "@/lib/tls-probe/versions";

/**
 * The newest version that completed a real handshake. The probe confirms the newest version it
 * finds with a real handshake (hello evidence never stands alone above the floor, see
 * docs/decisions/0002), and reports the certificate of that handshake: so with a certificate,
 * the newest supported version is the real one; without one, nothing completed.
 */
export function handshakeVersionOf(result: ProbeResult): TlsVersionName | null {
  if (result.error || !result.certificate) return null;
  const newest = [...TLS_VERSIONS].reverse().find((v) => result.protocols[v].supported) ?? null;
  // Cross-check with the probe's own floor check (real handshakes only): were they ever to
  // disagree, claim nothing rather than a version that was not proven.
  if (newest && compareVersions(newest, result.floorCheck.floor) >= 0 && !result.floorCheck.meetsFloor) return null;
  return newest;
}

/**
 * What would make a client that checks certificates (Salesforce does) refuse this one, in a
 * sentence fragment; null when nothing would. A self-signed certificate is fine when it is
 * trusted (an admin added it to the CA bundle).
 */
export function certificateProblem(result: ProbeResult): string | null {
  const c = result.certificate;
  if (!c) return null;
  const problems: string[] = [];
  if (c.expired) problems.push(`expired on ${c.notAfter.slice(0, 10)}`);
  if (c.notYetValid) problems.push(`not valid before ${c.notBefore.slice(0, 10)}`);
  if (!c.hostnameMatches) problems.push(`issued for ${c.sans.slice(0, 3).join(", ") || c.subject}, not ${result.target.sni ?? result.target.host}`);
  if (!c.trusted) problems.push(c.selfSigned ? "self-signed and not trusted" : "not issued by a trusted authority");
  else if (!c.chainComplete && !c.selfSigned) problems.push("the server does not send the whole chain");
  return problems.length ? problems.join("; ") : null;
}

/** The columns a stored probe keeps beside its full result (the same for workers and the demo seed). */
export function probeFacts(result: ProbeResult) {
  const handshake = handshakeVersionOf(result);
  return {
    errorKind: result.error?.kind ?? null,
    handshakeVersion: handshake ? toEnum(handshake) : null,
    acceptsTls10: result.error ? null : result.protocols.TLSv1.supported,
    certNotAfter: result.certificate ? new Date(result.certificate.notAfter) : null,
    certProblem: certificateProblem(result),
    durationMs: Math.round(result.durationMs),
  };
}
