import { apiRoute } from "@/lib/http/api";
import { exportIntegrationsCsv } from "@/lib/integrations/csv-export";
import { listQuerySchema } from "@/lib/integrations/schemas";
import { now } from "@/lib/clock";

const exportQuery = listQuerySchema.omit({ page: true, pageSize: true });

/** The integrations matching the same filters as the list, as CSV (UTF-8 with a BOM for spreadsheets). */
export const GET = apiRoute({ permission: "integrations.export", query: exportQuery }, async ({ actor, query }) => {
  const stamp = now().toISOString().slice(0, 10);
  return new Response(exportIntegrationsCsv(actor, query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="integrations-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
