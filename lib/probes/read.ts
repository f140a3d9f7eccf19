import "server-only";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { diffProbeResults, type ProbeResult } from "@/lib/tls-probe";
import { realNow } from "@/lib/clock";
import { fromEnum } from "@/lib/tls-versions";
import { currentJudgement } from "@/lib/readiness/judgement";

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

function view(p: Awaited<ReturnType<typeof db.probe.findFirstOrThrow<{ select: typeof probeSelect }>>>) {
  return {
    ...p,
    floor: fromEnum(p.floor),
    handshakeVersion: p.handshakeVersion ? fromEnum(p.handshakeVersion) : null,
    result: p.result as unknown as ProbeResult | null,
  };
}
export type ProbeView = ReturnType<typeof view>;

export async function getProbe(actor: Actor, id: string): Promise<ProbeView> {
  assertCan(actor, "probes.read");
  const probe = await db.probe.findUnique({ where: { id }, select: probeSelect });
  if (!probe) throw new NotFoundError("Probe");
  return view(probe);
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
  const probes = (await db.probe.findMany({ where: { integrationId }, select: probeSelect, orderBy: { queuedAt: "desc" }, take: limit })).map(view);
  const finished = probes.filter((p) => p.status === "done" && p.result);
  // Certificate expiry is judged at real time, like the probe's own certificate checks.
  const at = realNow();
  return probes.map((p) => {
    if (p.status !== "done" || !p.result) return { ...p, changes: [] };
    const older = finished.find((o) => o.queuedAt < p.queuedAt && o.host === p.host && o.port === p.port && o.sni === p.sni && o.starttls === p.starttls);
    return { ...p, changes: older?.result ? diffProbeResults(older.result, p.result, at) : [] };
  });
}

export interface RunProgress {
  id: string;
  kind: string;
  label: string;
  total: number;
  queued: number;
  running: number;
  done: number;
  /** Done, but the endpoint could not be probed (an error kind). */
  failed: number;
  cancelled: number;
  ready: number;
  finished: boolean;
  cancelledAt: Date | null;
  createdAt: Date;
  requestedBy: string | null;
  requestedById: string | null;
}

export async function runProgress(actor: Actor, runId: string): Promise<RunProgress> {
  assertCan(actor, "probes.read");
  const [run, { floor }] = await Promise.all([
    db.probeRun.findUnique({
      where: { id: runId },
      select: { id: true, kind: true, label: true, total: true, cancelledAt: true, createdAt: true, requestedById: true, requestedBy: { select: { name: true } } },
    }),
    currentJudgement(actor),
  ]);
  if (!run) throw new NotFoundError("Probe run");
  const [counts] = await db.$queryRaw<{ queued: number; running: number; done: number; failed: number; cancelled: number; ready: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued,
           count(*) FILTER (WHERE status = 'running')::int AS running,
           count(*) FILTER (WHERE status = 'done')::int AS done,
           count(*) FILTER (WHERE status = 'done' AND error_kind IS NOT NULL)::int AS failed,
           count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
           count(*) FILTER (WHERE status = 'done' AND handshake_version >= ${floor}::"TlsVersion" AND cert_problem IS NULL)::int AS ready
      FROM probes WHERE run_id = ${runId}::uuid`;
  return {
    id: run.id,
    kind: run.kind,
    label: run.label,
    total: run.total,
    ...counts,
    finished: counts.queued + counts.running === 0,
    cancelledAt: run.cancelledAt,
    createdAt: run.createdAt,
    requestedBy: run.requestedBy?.name ?? null,
    requestedById: run.requestedById,
  };
}

/** The probes of a run, for its page: newest results first. */
export async function runProbes(actor: Actor, runId: string, limit = 500) {
  assertCan(actor, "probes.read");
  return db.probe.findMany({
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
  });
}

/** Recent runs with their progress, newest first; "ready" judged against the active floor. */
export async function recentRuns(actor: Actor, limit = 30) {
  assertCan(actor, "probes.read");
  // The database stores the TLS names ("TLSv1.1"); the enum names are Prisma's.
  const { floor } = await currentJudgement(actor);
  return db.$queryRaw<
    { id: string; kind: string; label: string; total: number; createdAt: Date; cancelledAt: Date | null; requestedBy: string | null; done: number; failed: number; ready: number; pending: number }[]
  >`SELECT r.id::text AS id, r.kind::text AS kind, r.label, r.total, r.created_at AS "createdAt", r.cancelled_at AS "cancelledAt", u.name AS "requestedBy",
           count(p.id) FILTER (WHERE p.status = 'done')::int AS done,
           count(p.id) FILTER (WHERE p.status = 'done' AND p.error_kind IS NOT NULL)::int AS failed,
           count(p.id) FILTER (WHERE p.status = 'done' AND p.handshake_version >= ${floor}::"TlsVersion" AND p.cert_problem IS NULL)::int AS ready,
           count(p.id) FILTER (WHERE p.status IN ('queued', 'running'))::int AS pending
      FROM probe_runs r LEFT JOIN users u ON u.id = r.requested_by_id LEFT JOIN probes p ON p.run_id = r.id
     GROUP BY r.id, u.name ORDER BY r.created_at DESC LIMIT ${limit}`;
}
