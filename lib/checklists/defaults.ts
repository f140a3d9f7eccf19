import "server-only";
import { db } from "@/lib/db";
import { CATEGORIES } from "@/lib/integrations/categories";
import { syncAutomaticItemsOfCampaign } from "./automatic";
import { DEFAULT_CAMPAIGN_ITEMS, DEFAULT_TEMPLATES, type DefaultTemplate } from "./default-templates";
import { LARGE_CAMPAIGN, instantiateItems } from "./instantiate";

/**
 * Gives a campaign the default checklists when it has never had any (a fresh installation, or one
 * that predates checklists), and instantiates them for every integration. Safe to run on every
 * start: a campaign with templates, even retired ones, is left as its admins made it.
 */
export async function ensureDefaultChecklists(campaignId: string, at: Date): Promise<number> {
  return db.$transaction(
    async (tx) => {
      // Serialises concurrent starts (two processes running migrate): the second sees the first's rows.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('checklists.defaults'))`;
      if ((await tx.checklistTemplate.count({ where: { campaignId } })) > 0) return 0;
      const row = (category: (typeof CATEGORIES)[number] | null) => (t: DefaultTemplate, i: number) => ({
        campaignId,
        category,
        title: t.title,
        guidance: t.guidance,
        required: t.required ?? true,
        verification: t.verification ?? false,
        evidence: t.evidence ?? "none",
        automatic: t.automatic ?? null,
        position: i + 1,
        createdAt: at,
        updatedAt: at,
      });
      const data = [...DEFAULT_CAMPAIGN_ITEMS.map(row(null)), ...CATEGORIES.flatMap((c) => DEFAULT_TEMPLATES[c].map(row(c)))];
      await tx.checklistTemplate.createMany({ data });
      await instantiateItems(tx, { campaignId }, at);
      await syncAutomaticItemsOfCampaign(tx, campaignId);
      return data.length;
    },
    LARGE_CAMPAIGN,
  );
}
