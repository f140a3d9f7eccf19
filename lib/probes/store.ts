import "server-only";
import { db, withTransaction } from "@/lib/db";
import { syncAutomaticItems } from "@/lib/checklists/automatic";
import type { ProbeResult } from "@/lib/tls-probe";
import type { probeFacts } from "./facts";

export interface FinishedProbe {
  probeId: string;
  result: ProbeResult;
  facts: ReturnType<typeof probeFacts>;
  finishedAt: Date;
}

/**
 * Stores finished probes in one transaction and makes each the evidence of its integration where
 * it should be; returns the ids actually stored. A probe is stored only while it is still
 * running: a result that comes back twice (a retried job) or for a cancelled probe is dropped.
 *
 * The newest probe of the endpoint an integration has now becomes its evidence; a probe of an
 * endpoint since changed, or one overtaken by a newer probe, does not. Where one batch holds two
 * probes of one integration, the one queued last wins, as it would one at a time.
 */
export async function storeProbeResults(items: FinishedProbe[]): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const rows = items.map((i) => ({
    id: i.probeId,
    result: i.result,
    error_kind: i.facts.errorKind,
    handshake_version: i.facts.handshakeVersion === null ? null : i.facts.handshakeVersion.replace("_", "."),
    accepts_tls10: i.facts.acceptsTls10,
    cert_not_after: i.facts.certNotAfter?.toISOString() ?? null,
    cert_problem: i.facts.certProblem,
    duration_ms: i.facts.durationMs,
    finished_at: i.finishedAt.toISOString(),
  }));
  // On pg's pool directly, not through Prisma: this is the worker's hot path (one statement pair
  // per batch), where Prisma's per-query overhead was a fifth of a worker's CPU (docs/decisions/0003).
  return withTransaction(async (client) => {
    const { rows: stored } = await client.query<{ id: string }>(
      `UPDATE probes p SET status = 'done', finished_at = v.finished_at, result = v.result, error_kind = v.error_kind,
              handshake_version = v.handshake_version::"TlsVersion", accepts_tls10 = v.accepts_tls10,
              cert_not_after = v.cert_not_after, cert_problem = v.cert_problem, duration_ms = v.duration_ms
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, result jsonb, error_kind text, handshake_version text, accepts_tls10 boolean,
                                                  cert_not_after timestamptz, cert_problem text, duration_ms int, finished_at timestamptz)
        WHERE p.id = v.id AND p.status = 'running'
       RETURNING p.id::text AS id`,
      [JSON.stringify(rows)],
    );
    const ids = stored.map((s) => s.id);
    let latest: string[] = [];
    if (ids.length) {
      const { rows: became } = await client.query<{ id: string }>(
        `UPDATE integrations i SET latest_probe_id = n.id
           FROM (SELECT DISTINCT ON (p.integration_id) p.id, p.integration_id, p.host, p.port, p.sni, p.starttls, p.queued_at
                   FROM probes p WHERE p.id = ANY($1::uuid[]) AND p.integration_id IS NOT NULL
                  ORDER BY p.integration_id, p.queued_at DESC, p.id DESC) n
          WHERE i.id = n.integration_id
            AND i.endpoint_host = n.host AND i.endpoint_port = n.port
            AND i.sni IS NOT DISTINCT FROM n.sni AND i.starttls = n.starttls
            AND (i.latest_probe_id IS NULL OR (SELECT queued_at FROM probes WHERE id = i.latest_probe_id) <= n.queued_at)
         RETURNING i.id::text AS id`,
        [ids],
      );
      latest = became.map((b) => b.id);
    }
    return { stored: new Set(ids), latest };
  }).then(async ({ stored, latest }) => {
    // Checklist items ticked by probe evidence follow each integration's new latest probe.
    if (latest.length) await db.$transaction((tx) => syncAutomaticItems(tx, latest));
    return stored;
  });
}
