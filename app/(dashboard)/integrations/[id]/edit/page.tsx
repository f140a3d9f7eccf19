import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { IntegrationForm } from "@/components/integrations/integration-form";
import { toFormValues } from "@/components/integrations/form-values";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/session";
import { NotFoundError, isUuid } from "@/lib/errors";
import { getIntegration } from "@/lib/integrations/service";
import { userDirectory } from "@/lib/users/service";

export const metadata: Metadata = { title: "Edit integration" };

export default async function EditIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("integrations.edit", `/integrations/${id}/edit`);
  if (!isUuid(id)) notFound();
  const [row, users] = await Promise.all([
    getIntegration(actor, id).catch((err) => {
      if (err instanceof NotFoundError) notFound();
      throw err;
    }),
    userDirectory(actor),
  ]);
  // A member may open this page only for an integration they own.
  if (!can(actor, "integrations.edit", row)) forbidden();
  return (
    <>
      <PageHeader title={`Edit ${row.name}`} />
      <Card className="max-w-4xl">
        <CardBody>
          <IntegrationForm mode="edit" id={row.id} version={row.version} initial={toFormValues(row)} users={users} canReassign={can(actor, "integrations.reassign")} />
        </CardBody>
      </Card>
    </>
  );
}
