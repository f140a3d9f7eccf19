import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { parseAllowedRanges, parsePemBundle } from "@/lib/tls-probe";
import { readSetting, writeSetting } from "@/lib/settings/store";
import { SYSTEM_ACTOR } from "@/lib/auth/system-actor";
import { IN_PLAY_STATUSES } from "@/lib/integrations/categories";
import { enqueueProbes, type Enqueued } from "./enqueue";
import { REPROBE_QUEUE, queue } from "./queue";
import { ALLOWED_RANGES, CA_BUNDLE, REPROBE_CRON, REPROBE_INTERVAL, REPROBE_INTERVALS, probeConfig, type ReprobeInterval } from "./settings";

export const probeSettingsInput = z.object({
  allowedRanges: z
    .array(z.string().trim().min(1))
    .max(100, "has too many ranges")
    .transform((rs) => [...new Set(rs)])
    .superRefine((ranges, ctx) => {
      // Every bad line named at once, not only the first.
      const bad = ranges.flatMap((r) => {
        try {
          parseAllowedRanges([r]);
          return [];
        } catch (err) {
          return [(err as Error).message];
        }
      });
      if (bad.length) ctx.addIssue({ code: "custom", message: bad.join("; ") });
    }),
  caBundle: z
    .string()
    .max(512 * 1024, "is too large (512 KB at most)")
    .superRefine((pem, ctx) => {
      if (!pem.trim()) return;
      try {
        parsePemBundle(pem);
      } catch (err) {
        // OpenSSL's codes ("error:04800064:PEM routines::") mean nothing to a reader.
        ctx.addIssue({ code: "custom", message: (err as Error).message.replace(/error:[0-9A-Fa-f]+:[^:]*::/g, "") });
      }
    }),
  reprobeInterval: z.enum(REPROBE_INTERVALS, { message: `must be one of ${REPROBE_INTERVALS.join(", ")}` }),
});
export type ProbeSettingsInput = z.infer<typeof probeSettingsInput>;

export async function getProbeSettings(actor: Actor) {
  assertCan(actor, "settings.manage");
  const [config, reprobeInterval, caBundle, lastScheduled] = await Promise.all([
    probeConfig(),
    readSetting(REPROBE_INTERVAL),
    readSetting(CA_BUNDLE),
    db.probeRun.findFirst({ where: { kind: "scheduled" }, orderBy: { createdAt: "desc" }, select: { id: true, createdAt: true, total: true } }),
  ]);
  return {
    allowedRanges: config.settingRanges,
    envRanges: config.envRanges,
    caBundle,
    reprobeInterval,
    timeoutMs: config.timeoutMs,
    lastScheduled,
  };
}

export async function applyReprobeSchedule(boss: PgBoss, interval: ReprobeInterval): Promise<void> {
  if (interval === "off") await boss.unschedule(REPROBE_QUEUE).catch(() => undefined);
  else await boss.schedule(REPROBE_QUEUE, REPROBE_CRON[interval], {}, { tz: "UTC" });
}

export async function updateProbeSettings(actor: Actor, input: ProbeSettingsInput) {
  assertCan(actor, "settings.manage");
  const before = await readSetting(REPROBE_INTERVAL);
  await db.$transaction(async (tx) => {
    const [ranges, bundle] = await Promise.all([readSetting(ALLOWED_RANGES, tx), readSetting(CA_BUNDLE, tx)]);
    if (JSON.stringify(ranges) !== JSON.stringify(input.allowedRanges)) await writeSetting(tx, actor, ALLOWED_RANGES, input.allowedRanges);
    if (bundle !== input.caBundle) await writeSetting(tx, actor, CA_BUNDLE, input.caBundle);
    if (before !== input.reprobeInterval) await writeSetting(tx, actor, REPROBE_INTERVAL, input.reprobeInterval);
  });
  let warning: string | null = null;
  if (before !== input.reprobeInterval) {
    try {
      await applyReprobeSchedule(await queue(), input.reprobeInterval);
    } catch {
      warning = "Saved, but the queue could not be reached to change the schedule now; every worker applies it when it starts.";
    }
  }
  return { ...(await getProbeSettings(actor)), warning };
}

/** The scheduled re-probe: every endpoint of an integration still in play. */
export function reprobeEverything(): Promise<Enqueued> {
  return enqueueProbes(SYSTEM_ACTOR, { filter: { endpoint: "yes", status: [...IN_PLAY_STATUSES], category: [], verdict: [] } }, "scheduled", "Scheduled re-probe of every endpoint");
}
