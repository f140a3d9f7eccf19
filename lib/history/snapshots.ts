import "server-only";
import { readRows, withTransaction } from "@/lib/db";
import { now } from "@/lib/clock";
import { isTlsVersionName, type TlsVersionName } from "@/lib/tls-probe/versions";
import { NotFoundError } from "@/lib/errors";
import { liveSnapshotSql, reconstructedSnapshotSql, type DayWindow } from "./snapshot-sql";
import { addDays, dayOf, startOfDay } from "./days";

// Taking and backfilling daily snapshots (docs/decisions/0010-readiness-history.md). A day is a
// UTC day of the app's clock; each (campaign, day) has one snapshot, replaced when taken again.

export type SnapshotSource = "live" | "reconstructed";

const COLUMNS = "category, owner, total, verdicts, bases, tls10, tls11, tls12, tls13, cert30, cert60, cert90, items_done, items_total, items_ticked, added, retired";

interface CampaignFacts {
  id: string;
  floor: TlsVersionName;
  createdAt: Date;
}

async function campaignFacts(campaignId: string): Promise<CampaignFacts> {
  const [row] = await readRows<{ id: string; floor: string; created_at: Date }>(
    `SELECT id::text AS id, floor_protocol::text AS floor, created_at FROM campaigns WHERE id = $1::uuid`,
    [campaignId],
  );
  if (!row || !isTlsVersionName(row.floor)) throw new NotFoundError("Campaign");
  return { id: row.id, floor: row.floor, createdAt: row.created_at };
}

function windowOf(c: CampaignFacts, day: string): DayWindow {
  const start = startOfDay(day);
  return { campaignId: c.id, floor: c.floor, start, end: addDays(start, 1) };
}

/**
 * Stores the snapshot of `day` (YYYY-MM-DD), replacing any earlier one: idempotent per campaign
 * and day. "live" reads the tables as they are now (call it at the end of the day); "reconstructed"
 * rebuilds the day from the audit log and the probe history.
 */
export async function takeSnapshot(campaignId: string, day: string, source: SnapshotSource): Promise<void> {
  const c = await campaignFacts(campaignId);
  await storeSnapshot(c, day, source);
}

async function storeSnapshot(c: CampaignFacts, day: string, source: SnapshotSource): Promise<void> {
  const w = windowOf(c, day);
  const { text, values } = source === "live" ? liveSnapshotSql(w) : reconstructedSnapshotSql(w);
  const n = values.length;
  await withTransaction(async (client) => {
    // The planner costs these queries high enough to JIT-compile them, and compiling their many
    // expressions takes seconds, several times the query itself (measured at 10,000 integrations).
    await client.query("SET LOCAL jit = off");
    await client.query(
      `INSERT INTO readiness_snapshots (campaign_id, day, source, taken_at) VALUES ($1::uuid, $2::date, $3, $4)
       ON CONFLICT (campaign_id, day) DO UPDATE SET source = EXCLUDED.source, taken_at = EXCLUDED.taken_at`,
      [c.id, day, source, now()],
    );
    await client.query(`DELETE FROM readiness_snapshot_rows WHERE campaign_id = $1::uuid AND day = $2::date`, [c.id, day]);
    await client.query(
      `INSERT INTO readiness_snapshot_rows (campaign_id, day, ${COLUMNS})
       SELECT $${n + 1}::uuid, $${n + 2}::date, ${COLUMNS} FROM (${text}) s`,
      [...values, c.id, day],
    );
  });
}

export interface BackfillResult {
  /** Days reconstructed (those that had no snapshot yet). */
  filled: number;
  from: string | null;
  to: string | null;
}

/**
 * Reconstructs every day from the campaign's start to `until` (inclusive; default yesterday on
 * the app's clock) that has no snapshot yet. Days already taken, live or reconstructed, stay.
 * `onDay` reports progress.
 */
export async function backfillSnapshots(campaignId: string, opts: { until?: string; onDay?: (day: string, done: number, of: number) => void } = {}): Promise<BackfillResult> {
  const c = await campaignFacts(campaignId);
  const until = opts.until ?? dayOf(addDays(startOfDay(dayOf(now())), -1));
  const first = dayOf(c.createdAt);
  if (until < first) return { filled: 0, from: null, to: null };
  const missing = (
    await readRows<{ day: string }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series($2::date, $3::date, interval '1 day') d
        WHERE NOT EXISTS (SELECT 1 FROM readiness_snapshots s WHERE s.campaign_id = $1::uuid AND s.day = d::date) ORDER BY d`,
      [c.id, first, until],
    )
  ).map((r) => r.day);
  for (const [i, day] of missing.entries()) {
    await storeSnapshot(c, day, "reconstructed");
    opts.onDay?.(day, i + 1, missing.length);
  }
  return { filled: missing.length, from: missing[0] ?? null, to: missing.at(-1) ?? null };
}

/** Every campaign's id, for the daily job. */
export async function campaignIds(): Promise<string[]> {
  return (await readRows<{ id: string }>(`SELECT id::text AS id FROM campaigns ORDER BY created_at`)).map((r) => r.id);
}
