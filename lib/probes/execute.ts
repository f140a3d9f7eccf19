import "server-only";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { logError } from "@/lib/log";
import { probeTarget, type ProbeResult } from "@/lib/tls-probe";
import { coalesce } from "@/lib/jobs/coalesce";
import { retryTransient } from "@/lib/jobs/resilience";
import { fromEnum } from "@/lib/tls-probe/versions";
import { probeFacts } from "./facts";
import { cachedProbeConfig } from "./settings";
import { storeProbeResults } from "./store";

export interface ClaimedProbe {
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
 * Marks probes running, once per attempt: a probe already done or cancelled is not claimed, so a
 * retried job (its worker died) never probes again what was stored. One statement for every probe
 * claimed at about the same moment.
 */
const claim = coalesce<string, ClaimedProbe | null>(async (ids) => {
  // Plain SQL on the pool: the worker's hot path (docs/decisions/0003).
  const rows = await retryTransient(
    async () =>
      (await db.pool.query<ClaimedProbe>(
    `UPDATE probes SET status = 'running', started_at = $2, attempts = attempts + 1
      WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'running')
     RETURNING id::text AS id, integration_id::text AS "integrationId", host, port, sni, starttls::text AS starttls, floor::text AS floor, queued_at AS "queuedAt"`,
        [ids, now()],
      )).rows,
    { what: "claiming probes", giveUpAfterMs: 10_000 },
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
});

// A result waits up to STORE_WAIT_MS for others: a busy worker's slots finish a few milliseconds
// apart, and one transaction for 32 results costs about what one for a single result does. The
// slot is already free meanwhile (`probed` below), so the wait delays only what the run page shows.
const STORE_MIN_BATCH = 32;
const STORE_WAIT_MS = 10;

/**
 * Stores results in batches: one transaction for every result that finished at about the same
 * moment. A finished probe is worth keeping: while the database is away the store is retried (up
 * to about a lease), and only then is the job failed and probed again.
 */
const store = coalesce<{ probe: ClaimedProbe; result: ProbeResult }, boolean>(async (items) => {
  const finishedAt = now();
  const batch = items.map(({ probe, result }) => ({ probeId: probe.id, result, facts: probeFacts(result), finishedAt }));
  const stored = await retryTransient(() => storeProbeResults(batch), { what: "storing probe results", giveUpAfterMs: 60_000 });
  return items.map(({ probe }) => stored.has(probe.id));
}, { minBatch: STORE_MIN_BATCH, maxWaitMs: STORE_WAIT_MS });

/**
 * Runs one queued probe and stores its result, once. Safe to call again for the same probe (a
 * retried job after a worker died): a probe already done or cancelled is skipped, and a result is
 * stored only while the probe is still running, so two runs never both store one. `probed` is
 * called once the endpoint has answered (or not), before the result is stored.
 */
export async function executeProbe(probeId: string, signal?: AbortSignal, probed?: () => void): Promise<"stored" | "skipped"> {
  const probe = await claim(probeId);
  if (!probe) return "skipped";
  const config = await cachedProbeConfig();
  let result: ProbeResult;
  try {
    result = await probeTarget(
      { host: probe.host, port: probe.port, sni: probe.sni ?? undefined, starttls: probe.starttls },
      { timeoutMs: config.timeoutMs, floor: fromEnum(probe.floor), policy: config.policy, caBundle: config.caBundle, signal },
    );
  } catch (err) {
    // The probe refuses a target it cannot parse (a host such as "a:b" stored before validation
    // caught it) by throwing, before any connection. That target can never be probed: close it on
    // its own rather than failing the job until its retries run out.
    if (err instanceof TypeError) {
      await closeInvalidTarget(probe.id, err.message);
      return "skipped";
    }
    throw err;
  }
  if (result.error?.kind === "aborted") return "skipped"; // the worker is stopping: the job is retried elsewhere
  // The slow part is over: a worker can start its next probe while this result is stored.
  probed?.();
  return (await store({ probe, result })) ? "stored" : "skipped";
}

async function closeInvalidTarget(probeId: string, message: string): Promise<void> {
  await db.probe.updateMany({
    where: { id: probeId, status: "running" },
    data: { status: "cancelled", finishedAt: now(), errorKind: "invalid_target" },
  });
  logError("a probe target cannot be probed; closed without a result", undefined, { probeId, reason: message });
}
