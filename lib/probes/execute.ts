import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { probeTarget, type ProbeResult } from "@/lib/tls-probe";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fromEnum } from "@/lib/tls-versions";
import { probeFacts } from "./facts";
import { probeConfig } from "./settings";
import { sendProbeJobs } from "./enqueue";
import { syncAutomaticItems } from "@/lib/checklists/automatic";

interface Claimed {
  id: string;
  integrationId: string | null;
  host: string;
  port: number;
  sni: string | null;
  starttls: "none" | "smtp";
  floor: "TLSv1" | "TLSv1_1" | "TLSv1_2" | "TLSv1_3";
  queuedAt: Date;
}

/**
 * Runs one queued probe and stores its result, once. Safe to call again for the same probe (a
 * retried job after a worker died): a probe already done or cancelled is skipped, and a result is
 * stored only while the probe is still running, so two runs never both store one.
 */
export async function executeProbe(probeId: string, signal?: AbortSignal): Promise<"stored" | "skipped"> {
  const [probe] = await db.$queryRaw<Claimed[]>`
    UPDATE probes SET status = 'running', started_at = ${now()}, attempts = attempts + 1
     WHERE id = ${probeId}::uuid AND status IN ('queued', 'running')
    RETURNING id::text AS id, integration_id::text AS "integrationId", host, port, sni, starttls::text AS starttls, floor::text AS floor, queued_at AS "queuedAt"`;
  if (!probe) return "skipped";
  const config = await probeConfig();
  const result = await probeTarget(
    { host: probe.host, port: probe.port, sni: probe.sni ?? undefined, starttls: probe.starttls },
    { timeoutMs: config.timeoutMs, floor: fromEnum(probe.floor), policy: config.policy, caBundle: config.caBundle, signal },
  );
  if (result.error?.kind === "aborted") return "skipped"; // the worker is stopping: the job is retried elsewhere
  return (await storeResult(probe, result)) ? "stored" : "skipped";
}

async function storeResult(probe: Claimed, result: ProbeResult): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const stored = await tx.probe.updateMany({
      where: { id: probe.id, status: "running" },
      data: { status: "done", finishedAt: now(), result: result as unknown as Prisma.InputJsonValue, ...probeFacts(result) },
    });
    if (stored.count === 0) return false;
    if (probe.integrationId) {
      // The newest probe of the endpoint the integration has now becomes its evidence; a probe of
      // an endpoint since changed, or one overtaken by a newer probe, does not.
      const becameLatest = await tx.$executeRaw`
        UPDATE integrations i SET latest_probe_id = ${probe.id}::uuid
         WHERE i.id = ${probe.integrationId}::uuid
           AND i.endpoint_host = ${probe.host} AND i.endpoint_port = ${probe.port}
           AND i.sni IS NOT DISTINCT FROM ${probe.sni} AND i.starttls::text = ${probe.starttls}
           AND (i.latest_probe_id IS NULL
                OR (SELECT queued_at FROM probes WHERE id = i.latest_probe_id) <= ${probe.queuedAt})`;
      // Checklist items ticked by probe evidence follow the new latest probe.
      if (becameLatest) await syncAutomaticItems(tx, [probe.integrationId]);
    }
    return true;
  });
}

/**
 * Sends jobs again for probes still queued well after they were queued: covers a web process that
 * stopped between storing a run and queuing its jobs. Job ids are probe ids, so nothing doubles.
 */
export async function requeueStuckProbes(olderThanMs = 2 * 60_000): Promise<number> {
  const stuck = await db.probe.findMany({
    where: { status: "queued", queuedAt: { lt: new Date(now().getTime() - olderThanMs) } },
    select: { id: true },
    take: 5000,
  });
  if (stuck.length) await sendProbeJobs(stuck.map((p) => p.id));
  // A probe still "running" long after every retry's lease ran out lost its workers: close it as
  // cancelled (no evidence either way) so its run can finish.
  await db.probe.updateMany({
    where: { status: "running", startedAt: { lt: new Date(now().getTime() - LOST_AFTER_MS) } },
    data: { status: "cancelled", finishedAt: now(), errorKind: "worker_lost" },
  });
  return stuck.length;
}

const LOST_AFTER_MS = 15 * 60_000;
