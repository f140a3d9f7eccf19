import { BulletList } from "@/components/ui/bullet-list";
import { formatDay, formatInstant } from "@/lib/format";
import { TLS_VERSIONS, compareVersions, displayVersion, type TlsVersionName } from "@/lib/tls-probe/versions";
import type { HistoryEntry } from "@/lib/probes/read";
import { ProbeOutcomeBadge } from "./outcome-badge";

function Versions({ entry, floor }: { entry: HistoryEntry; floor: TlsVersionName }) {
  const r = entry.result!;
  return (
    <table className="mt-2 text-xs">
      <tbody>
        {TLS_VERSIONS.map((v) => {
          const p = r.protocols[v];
          const below = compareVersions(v, floor) < 0;
          return (
            <tr key={v}>
              <td className="whitespace-nowrap pr-3 font-medium">{displayVersion(v)}</td>
              <td className={`whitespace-nowrap pr-3 ${p.supported ? (below ? "text-amber-800" : "text-emerald-800") : "text-slate-500"}`}>
                {p.supported ? "✓ accepted" : "✗ not accepted"}
              </td>
              <td className="text-slate-600">{p.supported ? p.cipher : p.reason}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Every probe of an endpoint, newest first, with what changed since the one before. Outcomes are
 * judged against the active floor (`floor`), by the same rule as the verdict.
 */
export function ProbeHistory({ entries, floor }: { entries: HistoryEntry[]; floor: TlsVersionName }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No probes yet.</p>;
  return (
    <ol className="space-y-4" aria-label="Probe history">
      {entries.map((e) => {
        const c = e.result?.certificate;
        return (
          <li key={e.id} className="rounded-md border border-slate-200 p-3" data-testid="probe-entry">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{formatInstant(e.finishedAt ?? e.queuedAt)}</span>
              <ProbeOutcomeBadge outcome={e.outcome} probe={e} />
              <span className="font-mono text-xs text-slate-600">
                {e.host}:{e.port}
                {e.sni ? ` SNI ${e.sni}` : ""}
                {e.starttls === "smtp" ? " STARTTLS" : ""}
                {e.result?.target.address ? ` → ${e.result.target.address}` : ""}
              </span>
              {e.durationMs !== null ? <span className="text-xs text-slate-500">{e.durationMs} ms</span> : null}
              {e.requestedBy ? <span className="text-xs text-slate-500">by {e.requestedBy.name}</span> : <span className="text-xs text-slate-500">scheduled</span>}
            </div>
            <BulletList items={e.changes} className="mt-1 text-blue-900" testId="probe-changes" />
            {e.result?.error ? <p className="mt-1 text-sm text-red-800">{e.result.error.message}</p> : null}
            {e.result && !e.result.error ? <Versions entry={e} floor={floor} /> : null}
            {c ? (
              <p className="mt-2 text-xs text-slate-600">
                Certificate {c.subject} from {c.issuer}, valid until {formatDay(c.notAfter)}
                {c.expired ? " (expired when probed, by real time)" : ""} · {c.trusted ? "trusted" : c.selfSigned ? "self-signed" : "not trusted"} ·{" "}
                {c.hostnameMatches ? "name matches" : "name does not match"} · {c.keyType} {c.keyBits ?? ""} · {c.signatureAlgorithm}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
