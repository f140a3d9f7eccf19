import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TableHead } from "@/components/ui/table";
import { formatDay } from "@/lib/format";
import { BROWSER_COMPATIBILITY_LABELS, type BrowserCompatibility } from "@/lib/integrations/compatibility";
import { CATEGORY_INFO } from "@/lib/integrations/categories";
import type { Finding } from "@/lib/login-history/findings";
import type { Tone } from "@/lib/tone";
import { LinkFinding, type IntegrationOption } from "./link-finding";

const COMPAT_TONE: Record<BrowserCompatibility, Tone> = { compatible: "green", needs_setting: "amber", incompatible: "red", unknown: "neutral" };

const dash = (v: string) => (v && v !== "N/A" ? v : "—");

function clientLabel(f: Finding): string {
  if (f.kind === "user") return f.username ?? "";
  if (f.browser) return `${f.browser} (browser)`;
  return [f.application || "(no application)", dash(f.clientVersion) === "—" ? "" : f.clientVersion].filter(Boolean).join(" ");
}

/** Findings per client or per user: logins by protocol, the TLS 1.0 share, and what to do with each. */
export function FindingsTable({ findings, canLink, options }: { findings: Finding[]; canLink: boolean; options: Partial<Record<string, IntegrationOption[]>> }) {
  const byUser = findings[0]?.kind === "user";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{byUser ? "Logins per user" : "Logins per client"}, most TLS 1.0 logins first</caption>
        <TableHead
          columns={[
            byUser ? "User" : "Client",
            { label: "Logins", align: "right" },
            { label: "TLS 1.0", align: "right" },
            { label: "1.1 / 1.2 / 1.3 / unknown", align: "right" },
            { label: "Insecure-channel failures", align: "right" },
            "Seen",
            "Integration",
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {findings.map((f) => (
            <tr key={f.key} className="align-top" data-testid="finding-row">
              <th scope="row" className="px-5 py-3 text-left font-medium text-slate-900">
                {clientLabel(f)}
                <span className="mt-0.5 block text-xs font-normal text-slate-500">
                  {byUser ? `${dash(f.application)} · ` : ""}
                  {f.browser ? "" : `API type ${dash(f.apiType)} · `}
                  {f.sourceIpCount.toLocaleString("en")} source IP{f.sourceIpCount === 1 ? "" : "s"}
                  {f.sourceIps.length ? ` (${f.sourceIps.slice(0, 3).join(", ")}${f.sourceIpCount > 3 ? ", …" : ""})` : ""}
                  {byUser ? "" : ` · ${f.users} user${f.users === 1 ? "" : "s"}`}
                </span>
                {f.browserCompatibility ? (
                  <span className="mt-1 inline-block">
                    <Badge tone={COMPAT_TONE[f.browserCompatibility]}>{BROWSER_COMPATIBILITY_LABELS[f.browserCompatibility]}</Badge>
                  </span>
                ) : null}
              </th>
              <td className="px-3 py-3 text-right tabular-nums">{f.logins.toLocaleString("en")}</td>
              <td className="px-3 py-3 text-right tabular-nums">
                <span className={f.byProtocol.TLSv1 ? "font-semibold text-red-800" : ""}>{f.byProtocol.TLSv1.toLocaleString("en")}</span>
                <span className="block text-xs text-slate-500">{Math.round(f.tls10Share * 100)}%</span>
              </td>
              <td className="px-3 py-3 text-right tabular-nums text-slate-700">
                {f.byProtocol["TLSv1.1"]} / {f.byProtocol["TLSv1.2"]} / {f.byProtocol["TLSv1.3"]} / {f.byProtocol.unknown}
              </td>
              <td className="px-3 py-3 text-right tabular-nums">{f.failedInsecure ? <Badge tone="red">{f.failedInsecure}</Badge> : "0"}</td>
              <td className="px-3 py-3 text-xs text-slate-700">
                {formatDay(f.firstSeen)} – {formatDay(f.lastSeen)}
              </td>
              <td className="px-3 py-3 text-right">
                {f.integrationId ? (
                  <Link prefetch={false} className="text-blue-700 hover:underline" href={`/integrations/${f.integrationId}`}>
                    {f.integrationName}
                  </Link>
                ) : f.viaClient ? (
                  // Its client is linked: its logins are that integration's evidence already (link the user too only if it is something else).
                  <span className="text-xs text-slate-600">
                    Through its client:{" "}
                    <Link prefetch={false} className="text-blue-700 hover:underline" href={`/integrations/${f.viaClient.integrationId}`}>
                      {f.viaClient.integrationName}
                    </Link>
                  </span>
                ) : canLink ? (
                  <LinkFinding kind={f.kind} findingKey={f.key} label={clientLabel(f)} options={options[f.suggestedCategory] ?? []} />
                ) : (
                  <span className="text-xs text-slate-500">Not linked ({CATEGORY_INFO[f.suggestedCategory].label})</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
