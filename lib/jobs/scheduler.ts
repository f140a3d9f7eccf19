import "server-only";
import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import { withTransaction } from "@/lib/db";
import { now } from "@/lib/clock";
import { logError, logInfo } from "@/lib/log";
import type { QueueSpec } from "./queue";
import { latestSlot, nextSlot, type Cadence } from "./schedule";
import { isTransientDbError } from "./resilience";

export interface ScheduleSpec {
  /** Unique; the key of its row in job_schedules. */
  name: string;
  queue: QueueSpec;
  /** Read at every tick, so a change in settings takes effect without a restart; null = off. */
  cadence(): Promise<Cadence | null>;
}

export interface ScheduledJob {
  /** The slot (app time, ISO) this run is for: a daily job knows which day it covers. */
  slot: string;
}

/** A UUID derived from a string, so the same schedule slot always makes the same job id. */
export function jobIdFor(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const MAX_TICK_MS = 30_000;

/**
 * Fires each schedule's slots once however many workers run it: a worker that sees a slot due
 * claims it by moving `job_schedules.last_slot` forward and sends the job in the same
 * transaction, so either both happen or neither. A schedule seen for the first time starts from
 * the current slot without firing it (as cron would); a worker that was down when a slot passed
 * fires the latest missed one when it is back (one, not every missed one).
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly boss: PgBoss,
    private readonly schedules: ScheduleSpec[],
  ) {}

  start(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().then((nextMs) => this.schedule(nextMs));
    }, ms);
  }

  /** Fires what is due; returns how long to wait before looking again. */
  async tick(): Promise<number> {
    let wait = MAX_TICK_MS;
    for (const spec of this.schedules) {
      try {
        const cadence = await spec.cadence();
        if (!cadence) continue;
        const at = now();
        await this.fireIfDue(spec, latestSlot(cadence, at));
        wait = Math.min(wait, nextSlot(cadence, at).getTime() - at.getTime() + 50);
      } catch (err) {
        if (isTransientDbError(err)) logError(`schedule ${spec.name}: the database is unavailable; trying again shortly`, err);
        else logError(`schedule ${spec.name} failed`, err);
        wait = Math.min(wait, 5_000);
      }
    }
    return Math.max(wait, 50);
  }

  private async fireIfDue(spec: ScheduleSpec, slot: Date): Promise<void> {
    await withTransaction(async (client) => {
      const { rows } = await client.query<{ fresh: boolean }>(
        `INSERT INTO job_schedules (name, last_slot, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET last_slot = EXCLUDED.last_slot, updated_at = now()
          WHERE job_schedules.last_slot < EXCLUDED.last_slot
         RETURNING (xmax = 0) AS fresh`,
        [spec.name, slot],
      );
      // No row: another worker (or this one) already fired this slot. Fresh: first sight, no firing.
      if (rows.length !== 1 || rows[0].fresh) return;
      const data: ScheduledJob = { slot: slot.toISOString() };
      await this.boss.send(spec.queue.name, data, {
        id: jobIdFor(`${spec.name}@${data.slot}`),
        retryLimit: spec.queue.retryLimit,
        retryDelay: spec.queue.retryDelay,
        expireInSeconds: spec.queue.expireInSeconds,
        db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) },
      });
      logInfo("scheduled job sent", { schedule: spec.name, slot: data.slot });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
  }
}
