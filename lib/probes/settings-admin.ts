import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { parseAllowedRanges, parsePemBundle } from "@/lib/tls-probe";
import { readSetting, writeSetting } from "@/lib/settings/store";
import { now } from "@/lib/clock";
import { nextSlot } from "@/lib/jobs/schedule";
import { ALLOWED_RANGES, CA_BUNDLE, REPROBE_CADENCE, REPROBE_INTERVAL, REPROBE_INTERVALS, invalidateProbeConfig, probeConfig } from "./settings";

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
    /** The next scheduled re-probe, on the app's clock; null when switched off. */
    nextScheduled: reprobeInterval === "off" ? null : nextSlot(REPROBE_CADENCE[reprobeInterval], now()),
  };
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
  // Other processes' workers pick the change up within seconds (cachedProbeConfig), and read the
  // interval at every scheduler tick (lib/jobs/scheduler.ts); a worker in this process at once.
  invalidateProbeConfig();
  return getProbeSettings(actor);
}
