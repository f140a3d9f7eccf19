import "server-only";
import fs from "node:fs";
import { z } from "zod";
import { env } from "@/lib/env";
import { parseAllowedRanges, parsePemBundle } from "@/lib/tls-probe";
import type { TargetPolicy } from "@/lib/tls-probe";
import { readSetting, type SettingDef } from "@/lib/settings/store";
import { REPROBE_INTERVALS, type ReprobeInterval } from "./settings-labels";

const cidrList = z.array(z.string()).superRefine((ranges, ctx) => {
  try {
    parseAllowedRanges(ranges);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
  }
});

export const ALLOWED_RANGES: SettingDef<string[]> = {
  key: "probe.allowedRanges",
  schema: cidrList,
  fallback: [],
  label: "the probe target policy (allowed private ranges)",
};

export const CA_BUNDLE: SettingDef<string> = {
  key: "probe.caBundle",
  schema: z.string().max(512 * 1024),
  fallback: "",
  label: "the probe CA bundle",
};

export { REPROBE_INTERVALS, REPROBE_LABELS, type ReprobeInterval } from "./settings-labels";

export const REPROBE_INTERVAL: SettingDef<ReprobeInterval> = {
  key: "probe.reprobeInterval",
  schema: z.enum(REPROBE_INTERVALS),
  fallback: "24h",
  label: "the scheduled re-probe interval",
};

/** The cron expression pg-boss schedules the re-probe with (UTC). */
export const REPROBE_CRON: Record<Exclude<ReprobeInterval, "off">, string> = {
  "6h": "15 */6 * * *",
  "12h": "15 */12 * * *",
  "24h": "15 3 * * *",
  "168h": "15 3 * * 1",
};

export interface ProbeConfig {
  policy: TargetPolicy;
  /** Ranges from PROBE_ALLOWED_RANGES, shown to admins as fixed by the operator. */
  envRanges: string[];
  settingRanges: string[];
  caBundle: string | undefined;
  timeoutMs: number;
}

let envBundle: string | null | undefined;
function readEnvBundle(): string | null {
  if (envBundle !== undefined) return envBundle;
  const path = env().PROBE_CA_BUNDLE;
  envBundle = path ? fs.readFileSync(path, "utf8") : null;
  if (envBundle) parsePemBundle(envBundle);
  return envBundle;
}

/** Everything a probe needs from configuration: the operator's env plus the admin's settings. */
export async function probeConfig(): Promise<ProbeConfig> {
  const [settingRanges, caSetting] = await Promise.all([readSetting(ALLOWED_RANGES), readSetting(CA_BUNDLE)]);
  const envRanges = env().PROBE_ALLOWED_RANGES;
  const bundles = [readEnvBundle(), caSetting].filter((b): b is string => Boolean(b && b.trim()));
  return {
    policy: { allowedRanges: [...new Set([...envRanges, ...settingRanges])] },
    envRanges,
    settingRanges,
    caBundle: bundles.length ? bundles.join("\n") : undefined,
    timeoutMs: env().PROBE_TIMEOUT_MS,
  };
}
