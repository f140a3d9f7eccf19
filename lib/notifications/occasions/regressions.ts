import "server-only";
import { readRows } from "@/lib/db";
import { realNow } from "@/lib/clock";
import { resolveActiveId } from "@/lib/campaigns/service";
import { probeFinding, type ProbeFinding } from "@/lib/readiness/verdict";
import { checklistCompletedSql, checklistCountsSql, LATEST_PROBE_JOIN, readinessSql } from "@/lib/readiness/verdict-sql";
import { SqlParams } from "@/lib/sql";
import { DEFAULT_FLOOR, displayVersion, type TlsVersionName } from "@/lib/tls-probe/versions";
import type { Planned, Recipient } from "../deliveries";
import { regressionMessage, type RegressionInput, type RegressionKind } from "../messages";
import { baseUrl, emailTo, webhookRecipients, willing } from "../recipients";

const DAY = 86_400_000;
/** Certificate warnings at these many days before expiry (and once when it has expired). */
export const CERT_WINDOWS = [30, 14, 7] as const;
/** A change found by a probe older than this is history, not news (a first scan of an old board). */
const NEWS_DAYS = 14;

export interface Regression {
  /** Once per occasion: the probe that showed it, or the certificate and its window. */
  occasion: string;
  kind: RegressionKind;
  integration: { id: string; name: string; ownerId: string | null; ownerName: string | null };
  detail: string;
}

interface ProbePair {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  probeId: string;
  finishedAt: Date;
  handshakeVersion: TlsVersionName | null;
  errorKind: string | null;
  errorMessage: string | null;
  certProblem: string | null;
  certNotAfter: Date | null;
  prevHandshakeVersion: TlsVersionName | null;
  prevErrorKind: string | null;
  prevCertProblem: string | null;
  prevFinishedAt: Date | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const reached = (f: ProbeFinding | null) => f === "meets_floor" || f === "certificate";

/**
 * What changed for the worse between an integration's latest probe and the one before it (same
 * endpoint), and where its certificate stands. Pure: the scan feeds it rows.
 */
export function regressionsOf(row: ProbePair, floor: TlsVersionName, at: Date, certNow: Date): Regression[] {
  const integration = { id: row.id, name: row.name, ownerId: row.ownerId, ownerName: row.ownerName };
  const out: Regression[] = [];
  const latest = probeFinding(row, floor);
  const previous = row.prevFinishedAt
    ? probeFinding({ handshakeVersion: row.prevHandshakeVersion, errorKind: row.prevErrorKind, certProblem: row.prevCertProblem }, floor)
    : null;
  const recent = at.getTime() - new Date(row.finishedAt).getTime() <= NEWS_DAYS * DAY;
  if (recent && reached(previous) && latest === "below_floor") {
    const best = row.handshakeVersion ? `its newest version is now ${displayVersion(row.handshakeVersion)}` : "no version completes a handshake now";
    out.push({
      occasion: `regression:floor_lost:${row.probeId}`,
      kind: "floor_lost",
      integration,
      detail: `${row.name} met the ${displayVersion(floor)} floor on ${day(new Date(row.prevFinishedAt!))}; the probe of ${day(new Date(row.finishedAt))} shows ${best}.`,
    });
  }
  if (recent && previous !== null && previous !== "unreachable" && latest === "unreachable") {
    out.push({
      occasion: `regression:unreachable:${row.probeId}`,
      kind: "unreachable",
      integration,
      detail: `The probe of ${day(new Date(row.finishedAt))} could not complete: ${row.errorMessage ?? row.errorKind}. The one before (${day(new Date(row.prevFinishedAt!))}) reached it.`,
    });
  }
  if (row.certNotAfter) {
    const notAfter = new Date(row.certNotAfter);
    const daysLeft = Math.floor((notAfter.getTime() - certNow.getTime()) / DAY);
    const window = daysLeft < 0 ? "expired" : CERT_WINDOWS.filter((w) => daysLeft <= w).at(-1);
    if (window !== undefined) {
      out.push({
        occasion: `regression:certificate:${row.id}:${notAfter.toISOString()}:${window}`,
        kind: window === "expired" ? "certificate_expired" : "certificate_expiring",
        integration,
        detail:
          window === "expired"
            ? `Its certificate expired on ${day(notAfter)}: clients that check certificates refuse it.`
            : `Its certificate expires on ${day(notAfter)}, in ${daysLeft} day${daysLeft === 1 ? "" : "s"} (within the ${window}-day window): renew it before then.`,
      });
    }
  }
  return out;
}

/**
 * A Login History import saw this integration's users sign in over TLS 1.0 after its checklist was
 * completed, so the checklist no longer makes it ready. `legacyLoginAt` is the newest such sign-in
 * (`integrations.legacy_login_at`); a later one is a new occasion.
 */
export function loginHistoryRegression(row: { id: string; name: string; ownerId: string | null; ownerName: string | null; legacyLoginAt: Date; completedAt: Date }): Regression {
  const legacyLoginAt = new Date(row.legacyLoginAt);
  return {
    occasion: `regression:login_history:${row.id}:${legacyLoginAt.toISOString()}`,
    kind: "login_history",
    integration: { id: row.id, name: row.name, ownerId: row.ownerId, ownerName: row.ownerName },
    detail: `Its checklist was completed on ${day(new Date(row.completedAt))}, but Login History shows a sign-in over TLS 1.0 on ${day(legacyLoginAt)}: something still uses the old protocol, so it is not ready until that is found and fixed.`,
  };
}

/**
 * Integrations whose complete checklist would be their proof, yet the verdict does not call them
 * ready: the verdict SQL's own judgement that a later TLS 1.0 sign-in contradicts the checklist
 * (a declaration would make them ready; retired ones are not in play). The cheap column test goes
 * first so the checklist is read only for integrations with such a sign-in.
 */
async function loginHistoryContradictions(floor: TlsVersionName): Promise<Regression[]> {
  const params = new SqlParams();
  const { verdict } = readinessSql(floor, params);
  const rows = await readRows<{ id: string; name: string; ownerId: string | null; ownerName: string | null; legacyLoginAt: Date; completedAt: Date }>(
    `SELECT i.id::text AS id, i.name, i.owner_id::text AS "ownerId", u.name AS "ownerName", i.legacy_login_at AS "legacyLoginAt", ${checklistCompletedSql()} AS "completedAt"
       FROM integrations i ${LATEST_PROBE_JOIN}
       LEFT JOIN users u ON u.id = i.owner_id
      WHERE i.legacy_login_at IS NOT NULL AND i.status <> 'retired' AND ${checklistCountsSql()} AND ${verdict} <> 'ready'
      ORDER BY i.name, i.id`,
    params.values,
  );
  return rows.map(loginHistoryRegression);
}

/** Every regression on the board now (against the active campaign's floor). */
export async function findRegressions(at: Date): Promise<Regression[]> {
  const activeId = await resolveActiveId();
  const [campaign] = activeId ? await readRows<{ floor: TlsVersionName }>("SELECT floor_protocol::text AS floor FROM campaigns WHERE id = $1::uuid", [activeId]) : [];
  const floor = campaign?.floor ?? DEFAULT_FLOOR;
  const rows = await readRows<ProbePair>(
    `SELECT i.id::text AS id, i.name, i.owner_id::text AS "ownerId", u.name AS "ownerName",
            p.id::text AS "probeId", p.finished_at AS "finishedAt", p.handshake_version::text AS "handshakeVersion", p.error_kind AS "errorKind",
            p.result #>> '{error,message}' AS "errorMessage", p.cert_problem AS "certProblem", p.cert_not_after AS "certNotAfter",
            pp.handshake_version::text AS "prevHandshakeVersion", pp.error_kind AS "prevErrorKind", pp.cert_problem AS "prevCertProblem",
            pp.finished_at AS "prevFinishedAt"
       FROM integrations i
       JOIN probes p ON p.id = i.latest_probe_id
       LEFT JOIN users u ON u.id = i.owner_id
       LEFT JOIN LATERAL (
         SELECT q.handshake_version, q.error_kind, q.cert_problem, q.finished_at FROM probes q
          WHERE q.integration_id = i.id AND q.status = 'done' AND q.host = p.host AND q.port = p.port AND q.finished_at < p.finished_at
          ORDER BY q.finished_at DESC LIMIT 1) pp ON true
      WHERE i.status <> 'retired'
      ORDER BY i.name, i.id`,
  );
  // Certificates expire in real time, whatever the board's clock says (lib/clock.ts).
  const certNow = realNow();
  return [...rows.flatMap((r) => regressionsOf(r, floor, at, certNow)), ...(await loginHistoryContradictions(floor))];
}

/** Each regression to its owner and every admin who want regressions, and to every webhook. */
export async function plannedRegressions(regressions: Regression[]): Promise<Planned[]> {
  if (!regressions.length) return [];
  const admins = await willing("regression", { roles: ["ADMIN"] });
  const owners = new Map((await willing("regression", { ids: regressions.flatMap((r) => (r.integration.ownerId ? [r.integration.ownerId] : [])) })).map((p) => [p.id, p]));
  const hooks = await webhookRecipients();
  return regressions.flatMap((r) => {
    const input: RegressionInput = { baseUrl: baseUrl(), kind: r.kind, integration: r.integration, detail: r.detail };
    const message = regressionMessage(input);
    const people = new Map(admins.map((a) => [a.id, a]));
    const owner = r.integration.ownerId ? owners.get(r.integration.ownerId) : undefined;
    if (owner) people.set(owner.id, owner);
    const to: Recipient[] = [...[...people.values()].map(emailTo), ...hooks];
    return to.map((recipient) => ({ occasion: r.occasion, message, recipient }));
  });
}
