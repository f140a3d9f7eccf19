import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { CATEGORIES } from "@/lib/integrations/categories";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import integrations" };

export default async function ImportPage() {
  await requirePage("integrations.import", "/integrations/import");
  return (
    <>
      <PageHeader
        title="Import integrations from CSV"
        description="Columns are matched by their header names. Re-importing the same file updates what it imported before instead of adding it twice."
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <ImportForm />
        </div>
        <Card>
          <CardHeader title="The columns" />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>
              Required: <code>name</code> and <code>category</code> (one of {CATEGORIES.join(", ")}, or its label such as “Microsoft email”).
            </p>
            <p>
              Optional: <code>owner_email</code>, <code>vendor</code>, <code>client_software</code>, <code>client_version</code>, <code>endpoint_host</code>,{" "}
              <code>endpoint_port</code>, <code>sni</code>, <code>starttls</code> (none or smtp), <code>status</code>, <code>notes</code>.
            </p>
            <p>
              A row is matched to an existing integration by its <code>id</code> column when there is one, else by name and category. Other columns (such as{" "}
              <code>created_at</code> from an export) are ignored.
            </p>
            <p>
              <a className="text-blue-800 underline" href="/api/v1/integrations/export" download>
                Export the current inventory
              </a>{" "}
              for a file in exactly this shape.
            </p>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
