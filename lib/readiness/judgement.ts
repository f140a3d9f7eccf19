import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { getActiveCampaign } from "@/lib/campaigns/service";
import { now } from "@/lib/clock";
import type { Judgement } from "@/lib/integrations/query";

/** Verdicts are judged against the active campaign's floor (TLS 1.1 when there is no campaign yet). */
export async function currentJudgement(actor: Actor): Promise<Judgement> {
  const campaign = await getActiveCampaign(actor);
  return { floor: campaign?.floor ?? "TLSv1.1", now: now() };
}
