import type { Metadata } from "next";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { getActiveCampaign } from "@/lib/campaigns/service";
import { NewCampaignForm } from "./new-campaign-form";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const actor = await requirePage("campaigns.manage", "/campaigns/new");
  const active = await getActiveCampaign(actor);
  return (
    <>
      <PageHeader
        title="New campaign"
        description="For example a later TLS 1.2 floor, or another vendor's deprecation. Dates are in UTC."
      />
      <Card className="max-w-2xl">
        <CardBody>
          <NewCampaignForm checklistsFrom={active ? { id: active.id, name: active.name } : null} />
        </CardBody>
      </Card>
    </>
  );
}
