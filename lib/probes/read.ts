import "server-only";
import { db, readRows } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { diffProbeResults, type ProbeResult } from "@/lib/tls-probe";
import { realNow } from "@/lib/clock";
import { SqlParams } from "@/lib/sql";
import { fromEnum } from "@/lib/tls-probe/versions";
import { readinessContext, type ReadinessContext } from "@/lib/readiness/context";
import { withoutServerReplies } from "./server-replies";
import { floorSql } from "@/lib/readiness/verdict-sql";
import { PROBE_OUTCOMES, doneCount, outcomeCountsSql, probeOutcome, type OutcomeCounts } from "./outcome";

const probeSelect = {
  id: true,
  integrationId: true,
  runId: true,
  status: true,
  host: true,
  port: true,
  sni: true,
  starttls: true,
  floor: true,
  attempts: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  result: true,
  errorKind: true,
  handshakeVersion: true,
  acceptsTls10: true,
  certNotAfter: true,
  certProblem: true,
  durationMs: true,
  requestedBy: { select: { name: true, email: true } },
} as const;

/**
 * A stored probe, with its outcome judged against the active floor (`floor` is the one it was
 * queued with); without what a non-TLS server sent unless the viewer may read it (probes.banners).
 */
function view(p: Awaited<ReturnType<typeof db.probe.findFirstOrThrow<{ select: typeof probeSelect }>>>, context: ReadinessContext) {
  const handshakeVersion = p.handshakeVersion ? fromEnum(p.handshakeVersion) : null;
  const result = p.result as unknown as ProbeResult | null;
  return {
    ...p,
    floor: fromEnum(p.floor),
    handshakeVersion,
    result: result && !context.serverReplies ? withoutServerReplies(result) : result,
    outcome: probeOutcome({ ...p, handshakeVersion }, context.floor),
  };
}
export type ProbeView = ReturnType<typeof view>;

export async function getProbe(actor: Actor, id: string): Promise<ProbeView> {
  assertCan(actor, "probes.read");
  const [probe, context] = await Promise.all([db.probe.findUnique({ where: { id }, select: probeSelect }), readinessContext(actor)]);
  if (!probe) throw new NotFoundError("Probe");
  return view(probe, context);
}

export interface HistoryEntry extends ProbeView {
  /** What changed since the previous finished probe of the same endpoint. */
  changes: string[];
}

/** An integration's probes, newest first, each with what changed since the one before it. */
export async function probeHistory(actor: Actor, integrationId: string, limit = 50): Promise<HistoryEntry[]> {
  assertCan(actor, "probes.read");
  const exists = await db.integration.findUnique({ where: { id: integrationId }, select: { id: true } });
  if (!exists) throw new NotFoundError("Integration");
  const context = await readinessContext(actor);
  const probes = (await db.probe.findMany({ where: { integrationId }, select: probeSelect, orderBy: { queuedAt: "desc" }, take: limit })).map((p) => view(p, context));
  const finished = probes.filter((p) => p.status === "done" && p.result);
  // Certificate expiry is judged at real time, like the probe's own certificate checks.
  const at = realNow();
  return probes.map((p) => {
    if (p.status !== "done" || !p.result) return { ...p, changes: [] };
    const older = finished.find((o) => o.queuedAt < p.queuedAt && o.host === p.host && o.port === p.port && o.sni === p.sni && o.starttls === p.starttls);
    return { ...p, changes: older?.result ? diffProbeResults(older.result, p.result, at) : [] };
  });
}

/** A run and its probes counted by outcome against the active floor. */
export interface RunProgress {
  id: string;
  kind: string;
  label: string;
  total: number;
  outcomes: OutcomeCounts;
  /** Probes done, whatever they found. */
  done: number;
  /** Nothing queued or running any more. */
  finished: boolean;
  cancelledAt: Date | null;
  createdAt: Date;
  requestedBy: string | null;
  requestedById: string | null;
}

type RunRow = Omit<RunProgress, "outcomes" | "done" | "finished"> & OutcomeCounts;

/** Runs with their probes counted by outcome, newest first; one run when `runId` is given. */
async function readRuns(actor: Actor, opts: { runId?: string; limit: number }): Promise<RunProgress[]> {
  const { floor } = await readinessContext(actor);
  const p = new SqlParams();
  const counts = outcomeCountsSql(floorSql(floor, p));
  const where = opts.runId ? `WHERE r.id = ${p.add(opts.runId)}::uuid` : "";
  const rows = await readRows<RunRow>(
    `SELECT r.id::text AS id, r.kind::text AS kind, r.label, r.total, r.created_at AS "createdAt", r.cancelled_at AS "cancelledAt",
            r.requested_by_id::text AS "requestedById", u.name AS "requestedBy", ${counts}
       FROM probe_runs r LEFT JOIN users u ON u.id = r.requested_by_id LEFT JOIN probes p ON p.run_id = r.id
      ${where} GROUP BY r.id, u.name ORDER BY r.created_at DESC LIMIT ${p.add(opts.limit)}`,
    p.values,
  );
  return rows.map((r) => {
    const outcomes = Object.fromEntries(PROBE_OUTCOMES.map((o) => [o, r[o]])) as OutcomeCounts;
    const { id, kind, label, total, createdAt, cancelledAt, requestedBy, requestedById } = r;
    return {
      id, kind, label, total, outcomes, createdAt, cancelledAt, requestedBy, requestedById,
      done: doneCount(outcomes),
      finished: outcomes.queued + outcomes.running === 0,
    };
  });
}

export async function runProgress(actor: Actor, runId: string): Promise<RunProgress> {
  assertCan(actor, "probes.read");
  const [run] = await readRuns(actor, { runId, limit: 1 });
  if (!run) throw new NotFoundError("Probe run");
  return run;
}

/**
 * A run's progress as the API sends it: the outcome counts, and beside them the top-level counts
 * earlier versions sent (queued, running, cancelled, failed = could not be probed, ready = met the
 * floor with a certificate clients accept), so API clients written against those keep working.
 */
export function runProgressJson(run: RunProgress) {
  const { queued, running, cancelled, unreachable, meets_floor } = run.outcomes;
  return { ...run, queued, running, cancelled, failed: unreachable, ready: meets_floor };
}

/** Recent runs with their progress, newest first. */
export async function recentRuns(actor: Actor, limit = 30): Promise<RunProgress[]> {
  assertCan(actor, "probes.read");
  return readRuns(actor, { limit });
}

/** The probes of a run, for its page: newest results first, with their outcomes. */
export async function runProbes(actor: Actor, runId: string, limit = 500) {
  assertCan(actor, "probes.read");
  const [probes, { floor }] = await Promise.all([
    db.probe.findMany({
      where: { runId },
      select: {
        id: true,
        status: true,
        host: true,
        port: true,
        errorKind: true,
        handshakeVersion: true,
        certProblem: true,
        finishedAt: true,
        integration: { select: { id: true, name: true } },
      },
      orderBy: [{ finishedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      take: limit,
    }),
    readinessContext(actor),
  ]);
  return probes.map((p) => {
    const handshakeVersion = p.handshakeVersion ? fromEnum(p.handshakeVersion) : null;
    return { ...p, handshakeVersion, outcome: probeOutcome({ ...p, handshakeVersion }, floor) };
  });
}
export type RunProbe = Awaited<ReturnType<typeof runProbes>>[number];
