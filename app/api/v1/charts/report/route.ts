import { apiRoute } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { chartQuery } from "@/lib/history/schemas";
import { chartScope } from "@/lib/history/series";
import { reportCsv, reportData } from "@/lib/history/report";

/** `?campaign=&milestone=&category=&owner=`: the printable report's numbers as CSV (UTF-8 with a BOM for spreadsheets). */
export const GET = apiRoute({ permission: "history.read", query: chartQuery }, async ({ actor, query }) => {
  const scope = await chartScope(actor, query);
  if (!scope) throw new NotFoundError("Campaign");
  const data = await reportData(actor, scope, 1000);
  return new Response(reportCsv(scope, data), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="readiness-report-${data.generatedAt.toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
