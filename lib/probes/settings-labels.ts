// Client-safe: the re-probe choices as the settings page shows them.
export const REPROBE_INTERVALS = ["off", "6h", "12h", "24h", "168h"] as const;
export type ReprobeInterval = (typeof REPROBE_INTERVALS)[number];

export const REPROBE_LABELS: Record<ReprobeInterval, string> = {
  off: "Off",
  "6h": "Every 6 hours",
  "12h": "Every 12 hours",
  "24h": "Daily",
  "168h": "Weekly",
};
