import type { Metadata } from "next";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { IntegrationForm } from "@/components/integrations/integration-form";
import { requirePage } from "@/lib/auth/session";
import { userDirectory } from "@/lib/users/service";

export const metadata: Metadata = { title: "Add an integration" };

export default async function NewIntegrationPage() {
  const actor = await requirePage("integrations.create", "/integrations/new");
  const users = await userDirectory(actor);
  return (
    <>
      <PageHeader title="Add an integration" description="One thing that could break at the cutoff. The category's note says what to record." />
      <Card className="max-w-4xl">
        <CardBody>
          <IntegrationForm mode="create" users={users} canReassign initial={{ ownerId: actor.role === "MEMBER" ? actor.id : "" }} />
        </CardBody>
      </Card>
    </>
  );
}
