import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDay, formatInstant } from "@/lib/format";
import type { LoginEvidence } from "@/lib/login-history/links";

/** An integration's Login History: the findings linked to it and what their logins show. */
export function LoginEvidenceCard({ evidence }: { evidence: LoginEvidence }) {
  const p = evidence.byProtocol;
  return (
    <Card data-testid="login-evidence">
      <CardHeader title="Login History evidence" description={`Linked: ${evidence.links.map((l) => `${l.kind === "user" ? "user " : ""}${l.label}`).join("; ")}.`} />
      <CardBody className="space-y-3 text-sm">
        {evidence.legacyLoginAt ? (
          <Alert kind="error" title="Still logs in over TLS 1.0 after its checklist was completed">
            The latest such login was {formatInstant(evidence.legacyLoginAt)}. It is not ready until its logins arrive over TLS 1.1 or newer.
          </Alert>
        ) : null}
        {evidence.logins === 0 ? (
          <p className="text-slate-600">No imported login matches yet. Upload a newer export on the Login History page.</p>
        ) : (
          <>
            <p>
              {evidence.logins.toLocaleString("en")} logins from {formatDay(evidence.firstSeen)} to {formatDay(evidence.lastSeen)}: {p.TLSv1} over TLS 1.0, {p["TLSv1.1"]} over
              TLS 1.1, {p["TLSv1.2"]} over TLS 1.2, {p["TLSv1.3"]} over TLS 1.3, {p.unknown} unknown.
            </p>
            <p>{evidence.lastTls10 ? `Last login over TLS 1.0: ${formatInstant(evidence.lastTls10)}.` : "No login over TLS 1.0."}</p>
            {evidence.failedInsecure ? <p className="font-medium text-red-800">{evidence.failedInsecure} logins failed over an insecure channel.</p> : null}
          </>
        )}
        <Link prefetch={false} className="text-blue-700 hover:underline" href="/login-history">
          Open Login History
        </Link>
      </CardBody>
    </Card>
  );
}
