import "server-only";
import { db, readRows, withTransaction } from "@/lib/db";
import { now } from "@/lib/clock";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { NotFoundError, isUuid } from "@/lib/errors";
import { createIntegration } from "@/lib/integrations/service";
import { createIntegrationInput } from "@/lib/integrations/schemas";
import { findingByKey, type Finding, type FindingKind } from "./findings";
import { syncLoginEvidence } from "./evidence";
import { linkedLoginsSql, splitClientKey } from "./keys";
import { PROTOCOL_KEYS, type TlsProtocol } from "./values";

// Findings turned into work: one click makes an integration from a finding (or links the finding
// to an existing one), and the integration's page then shows its Login History evidence.

export interface FindingRef {
  kind: FindingKind;
  key: string;
}

const BROWSER_NAMES: [RegExp, string][] = [
  [/^(?:ie|msie)\b/i, "Internet Explorer"],
  [/^chrome\b/i, "Chrome"],
  [/^firefox\b/i, "Firefox"],
  [/^safari\b/i, "Safari"],
  [/^android\b/i, "Android browser"],
];

/** What an integration made from this finding is called and records about its client. */
export function integrationFromFinding(f: Finding) {
  const browser = f.suggestedCategory === "browser" && f.browser;
  const version = browser ? (/(\d[\w.]*)\s*$/.exec(f.browser)?.[1] ?? "") : f.clientVersion === "N/A" ? "" : f.clientVersion;
  const software = browser ? (BROWSER_NAMES.find(([re]) => re.test(f.browser))?.[1] ?? f.browser.replace(/\s*\d[\w.]*$/, "")) : f.application;
  const subject = f.kind === "user" ? f.username! : browser ? `${f.browser} users` : [f.application || "API client", version].filter(Boolean).join(" ");
  return {
    name: `${subject} (Login History)`.slice(0, 200),
    category: f.suggestedCategory,
    clientSoftware: software.slice(0, 200),
    clientVersion: version.slice(0, 100),
    notes:
      `Found in Login History: ${f.logins} logins from ${f.firstSeen.toISOString().slice(0, 10)} to ${f.lastSeen.toISOString().slice(0, 10)}, ` +
      `${f.byProtocol.TLSv1} over TLS 1.0` +
      (f.apiType && f.apiType !== "N/A" ? `; API type ${f.apiType}` : "") +
      (f.failedInsecure ? `; ${f.failedInsecure} failed over an insecure channel.` : "."),
  };
}

async function requireFinding(actor: Actor, ref: FindingRef): Promise<Finding> {
  const finding = await findingByKey(actor, ref.kind, ref.key);
  if (!finding) throw new NotFoundError("Login History finding");
  return finding;
}

async function link(actor: Actor, ref: FindingRef, integrationId: string, integrationName: string): Promise<void> {
  await withTransaction(async (client) => {
    await client.query(
      `INSERT INTO login_history_links (kind, key, integration_id, created_at) VALUES ($1, $2, $3::uuid, $4)
       ON CONFLICT (kind, key) DO UPDATE SET integration_id = EXCLUDED.integration_id, created_at = EXCLUDED.created_at`,
      [ref.kind, ref.key, integrationId, now()],
    );
    await syncLoginEvidence(client, { integrationIds: [integrationId] });
  });
  await db.$transaction((tx) =>
    recordAudit(tx, auditActor(actor), {
      action: "login_history.link",
      entityType: "integration",
      entityId: integrationId,
      summary: `Linked the Login History ${ref.kind} “${label(ref.kind, ref.key)}” to ${integrationName}`,
      after: { kind: ref.kind, key: ref.key },
    }),
  );
}

/** Creates an integration from a finding and links the finding to it. */
export async function createIntegrationFromFinding(actor: Actor, ref: FindingRef): Promise<{ integrationId: string }> {
  assertCan(actor, "loginHistory.manage");
  assertCan(actor, "integrations.create");
  const finding = await requireFinding(actor, ref);
  const row = await createIntegration(actor, createIntegrationInput.parse(integrationFromFinding(finding)));
  await link(actor, ref, row.id, row.name);
  return { integrationId: row.id };
}

/** Links a finding to an existing integration (moving it from another, if it was linked). */
export async function linkFinding(actor: Actor, ref: FindingRef, integrationId: string): Promise<void> {
  assertCan(actor, "loginHistory.manage");
  await requireFinding(actor, ref);
  const [integration] = isUuid(integrationId) ? await readRows<{ name: string }>(`SELECT name FROM integrations WHERE id = $1::uuid`, [integrationId]) : [];
  if (!integration) throw new NotFoundError("Integration");
  await link(actor, ref, integrationId, integration.name);
}

export interface LoginEvidence {
  links: { kind: FindingKind; key: string; label: string }[];
  logins: number;
  byProtocol: Record<TlsProtocol, number>;
  failedInsecure: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
  lastTls10: Date | null;
  /** The latest login below the floor after its checklist was complete (the integration is not ready). */
  legacyLoginAt: Date | null;
}

function label(kind: FindingKind, key: string): string {
  if (kind === "user") return key;
  const p = splitClientKey(key);
  return [p.browser || p.application || "(no application)", p.browser ? "" : p.clientVersion, p.apiType].filter((v) => v && v !== "N/A").join(" · ");
}

/** The integration's Login History: what is linked to it and what those logins show. */
export async function integrationLoginEvidence(actor: Actor, integrationId: string): Promise<LoginEvidence | null> {
  assertCan(actor, "loginHistory.read");
  if (!isUuid(integrationId)) return null;
  const links = await readRows<{ kind: FindingKind; key: string }>(`SELECT kind, key FROM login_history_links WHERE integration_id = $1::uuid ORDER BY kind, key`, [integrationId]);
  const [integration] = await readRows<{ legacyLoginAt: Date | null }>(`SELECT legacy_login_at AS "legacyLoginAt" FROM integrations WHERE id = $1::uuid`, [integrationId]);
  if (!integration || links.length === 0) return null;
  const [row] = await readRows<Record<string, unknown>>(
    `WITH linked AS (${linkedLoginsSql("k.integration_id = $1::uuid")})
     SELECT count(*)::int AS logins, ${PROTOCOL_KEYS.map((p) => `count(*) FILTER (WHERE tls_protocol = '${p}')::int AS "${p}"`).join(", ")},
            min(login_at) AS "firstSeen", max(login_at) AS "lastSeen", max(login_at) FILTER (WHERE tls_protocol = 'TLSv1') AS "lastTls10",
            count(*) FILTER (WHERE status ILIKE '%insecure channel%')::int AS "failedInsecure"
       FROM linked`,
    [integrationId],
  );
  return {
    links: links.map((l) => ({ ...l, label: label(l.kind, l.key) })),
    logins: row.logins as number,
    byProtocol: Object.fromEntries(PROTOCOL_KEYS.map((p) => [p, row[p] as number])) as Record<TlsProtocol, number>,
    failedInsecure: row.failedInsecure as number,
    firstSeen: (row.firstSeen as Date) ?? null,
    lastSeen: (row.lastSeen as Date) ?? null,
    lastTls10: (row.lastTls10 as Date) ?? null,
    legacyLoginAt: integration.legacyLoginAt,
  };
}

/** Integrations a finding may be linked to, per category (the first 300 of each by name). */
export async function linkTargets(actor: Actor): Promise<Record<string, { id: string; name: string }[]>> {
  assertCan(actor, "loginHistory.manage");
  const rows = await readRows<{ id: string; name: string; category: string }>(
    `SELECT id::text, name, category::text FROM (
       SELECT id, name, category, row_number() OVER (PARTITION BY category ORDER BY name) AS n FROM integrations WHERE status <> 'retired'
     ) t WHERE n <= 300 ORDER BY category, name`,
  );
  const out: Record<string, { id: string; name: string }[]> = {};
  for (const r of rows) (out[r.category] ??= []).push({ id: r.id, name: r.name });
  return out;
}
