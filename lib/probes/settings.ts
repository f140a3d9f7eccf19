import "server-only";
import fs from "node:fs";
import { z } from "zod";
import { env } from "@/lib/env";
import { parseAllowedRanges, parsePemBundle } from "@/lib/tls-probe";
import type { TargetPolicy } from "@/lib/tls-probe";
import { readSetting, type SettingDef } from "@/lib/settings/store";
import type { Cadence } from "@/lib/jobs/schedule";
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

/**
 * When the scheduled re-probe runs, on the app's clock: 00:15, 06:15, 12:15 and 18:15 for every 6
 * hours, 03:15 daily, Mondays 03:15 weekly (quiet hours, as the cron of earlier versions did).
 */
export const REPROBE_CADENCE: Record<Exclude<ReprobeInterval, "off">, Cadence> = {
  "6h": { everyMinutes: 6 * 60, offsetMinutes: 15 },
  "12h": { everyMinutes: 12 * 60, offsetMinutes: 15 },
  "24h": { everyMinutes: 24 * 60, offsetMinutes: 3 * 60 + 15 },
  "168h": { everyMinutes: 7 * 24 * 60, offsetMinutes: 3 * 60 + 15 },
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

// A worker reads the configuration once and again only after this long: an admin's change reaches
// every worker within seconds, and a run of thousands of probes does not re-read (and re-hash the
// CA bundle of) the settings thousands of times.
const CONFIG_TTL_MS = 5_000;
let cached: { at: number; config: Promise<ProbeConfig> } | null = null;

/** probeConfig(), read at most once per CONFIG_TTL_MS per process; for workers. */
export function cachedProbeConfig(): Promise<ProbeConfig> {
  const at = Date.now();
  if (!cached || at - cached.at > CONFIG_TTL_MS) {
    const config = probeConfig();
    cached = { at, config };
    // A failed read is not kept: the next probe tries again.
    config.catch(() => {
      if (cached?.config === config) cached = null;
    });
  }
  return cached.config;
}

/** Forgets the cached configuration: the next probe in this process reads it afresh. */
export function invalidateProbeConfig(): void {
  cached = null;
}
