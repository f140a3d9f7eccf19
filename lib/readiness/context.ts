import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { getActiveCampaign } from "@/lib/campaigns/service";
import { now } from "@/lib/clock";
import { DEFAULT_FLOOR, type TlsVersionName } from "@/lib/tls-probe/versions";

/** What readiness is judged against: the active campaign's floor, at this moment. */
export interface ReadinessContext {
  floor: TlsVersionName;
  now: Date;
  /** Whether the viewer may read what non-TLS services sent (probes.banners); reasons quoting it are redacted otherwise. */
  serverReplies?: boolean;
}

/** The active campaign's floor (the default floor while there is no campaign yet), now. */
export async function readinessContext(actor: Actor): Promise<ReadinessContext> {
  const campaign = await getActiveCampaign(actor);
  return { floor: campaign?.floor ?? DEFAULT_FLOOR, now: now(), serverReplies: can(actor, "probes.banners") };
}
