// Colour and pattern of each verdict segment and of each impact area, shared by the charts and
// their legends. Client-safe.
import type { Segment } from "@/lib/history/segments";
import type { Category } from "@/lib/integrations/categories";
import type { Swatch } from "./patterns";

const SEGMENT_SWATCHES: Record<string, Swatch> = {
  ready_proven: { color: "#047857", pattern: "solid" },
  ready_declared: { color: "#047857", pattern: "stripes" },
  not_ready: { color: "#b91c1c", pattern: "solid" },
  certificate: { color: "#be185d", pattern: "cross" },
  unreachable: { color: "#c2410c", pattern: "dots" },
  blocked: { color: "#7f1d1d", pattern: "back" },
  not_probed: { color: "#1d4ed8", pattern: "grid" },
  unverified: { color: "#64748b", pattern: "wide" },
};

/** A new ready basis gets a green with dots until it is given its own. */
export function segmentSwatch(s: Segment): Swatch {
  return SEGMENT_SWATCHES[s] ?? { color: "#047857", pattern: "dots" };
}

export const CATEGORY_SWATCHES: Record<Category, Swatch> = {
  browser: { color: "#1d4ed8", pattern: "solid" },
  microsoft_email: { color: "#7c3aed", pattern: "stripes" },
  api: { color: "#047857", pattern: "dots" },
  appexchange: { color: "#b45309", pattern: "cross" },
  support_portal: { color: "#be185d", pattern: "grid" },
  outbound_callout: { color: "#0f766e", pattern: "back" },
  email_relay: { color: "#475569", pattern: "wide" },
};

// Each version a colour, a dash and a marker, so the lines differ without colour.
export const PROTOCOL_LINES = [
  { key: "tls10", label: "TLS 1.0", color: "#b91c1c", dash: undefined },
  { key: "tls11", label: "TLS 1.1", color: "#b45309", dash: "2 3" },
  { key: "tls12", label: "TLS 1.2", color: "#047857", dash: "8 4" },
  { key: "tls13", label: "TLS 1.3", color: "#1d4ed8", dash: "12 3 2 3" },
] as const;
