import { apiRoute } from "@/lib/http/api";
import { getProbeSettings, probeSettingsInput, updateProbeSettings } from "@/lib/probes/settings-admin";

export const GET = apiRoute({ permission: "settings.manage" }, async ({ actor }) => getProbeSettings(actor));

/** `{ "allowedRanges": ["10.0.0.0/8"], "caBundle": "-----BEGIN CERTIFICATE-----…", "reprobeInterval": "24h" }` */
export const PUT = apiRoute({ permission: "settings.manage", body: probeSettingsInput }, async ({ actor, body }) => updateProbeSettings(actor, body));
