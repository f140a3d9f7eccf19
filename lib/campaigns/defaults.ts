import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_FLOOR, toEnum } from "@/lib/tls-probe/versions";
import { ensureDefaultChecklists } from "@/lib/checklists/defaults";

/** The campaign every installation starts with: the facts in the vendor notice (docs/reference). */
export const DEFAULT_CAMPAIGN = {
  name: "Salesforce TLS 1.0 disablement",
  description:
    "Salesforce disables TLS 1.0 for inbound and outbound connections (HTTPS and STARTTLS SMTP). " +
    "From the cutoff, browsers, Outlook and Exchange integrations, API clients, AppExchange apps, the support portal, " +
    "outbound call-outs (SSO, outbound messaging, Apex call-outs) and SMTP relays must negotiate TLS 1.1 or newer. " +
    "Old API clients get UNSUPPORTED_CLIENT: TLS 1.0 has been disabled in this organization.",
  floor: toEnum(DEFAULT_FLOOR),
  milestones: [
    { name: "Sandbox cutoff", dueAt: new Date("2016-06-25T16:30:00Z") },
    { name: "Production cutoff", dueAt: new Date("2017-03-04T17:30:00Z") },
  ],
};

/**
 * Creates the default campaign when there is none, with its milestones and their first history
 * entries, and gives the default campaign its checklists when it has none (an installation from
 * before checklists gets them on its next migrate). Safe to run on every start.
 */
export async function ensureDefaultCampaign(createdAt: Date): Promise<{ created: boolean; id: string; checklistTemplates: number }> {
  const existing = await db.campaign.findFirst({ select: { id: true }, orderBy: { createdAt: "asc" } });
  if (existing) {
    const named = await db.campaign.findUnique({ where: { name: DEFAULT_CAMPAIGN.name }, select: { id: true } });
    const checklistTemplates = named ? await ensureDefaultChecklists(named.id, createdAt) : 0;
    return { created: false, id: existing.id, checklistTemplates };
  }
  const campaign = await db.campaign.create({
    data: {
      name: DEFAULT_CAMPAIGN.name,
      description: DEFAULT_CAMPAIGN.description,
      floor: DEFAULT_CAMPAIGN.floor,
      createdAt,
      updatedAt: createdAt,
      milestones: {
        create: DEFAULT_CAMPAIGN.milestones.map((m) => ({
          name: m.name,
          dueAt: m.dueAt,
          createdAt,
          changes: { create: { toAt: m.dueAt, reason: "Date from the vendor notice", changedAt: createdAt } },
        })),
      },
    },
    select: { id: true },
  });
  return { created: true, id: campaign.id, checklistTemplates: await ensureDefaultChecklists(campaign.id, createdAt) };
}
