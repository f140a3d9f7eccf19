import "server-only";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { ListQuery } from "./schemas";
import { queryBatch } from "./query";
import { readinessContext, type ReadinessContext } from "@/lib/readiness/context";
import { EXPORT_COLUMNS, csvLine } from "./csv-format";
import { INTEGRATION_FIELDS } from "./fields";
import { withProgress } from "@/lib/checklists/items";

const BATCH = 1000;

/**
 * The rows matching the list's filter and sort, as a CSV stream read from the database in batches,
 * so a large inventory never sits in memory at once.
 */
export function exportIntegrationsCsv(actor: Actor, query: Omit<ListQuery, "page" | "pageSize">): ReadableStream<Uint8Array> {
  assertCan(actor, "integrations.export");
  const encoder = new TextEncoder();
  let skip = 0;
  let context: ReadinessContext | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\ufeff${csvLine(EXPORT_COLUMNS)}`));
        return;
      }
      context ??= await readinessContext(actor);
      const rows = await withProgress(await queryBatch(query, actor, context, skip, BATCH));
      skip += rows.length;
      if (rows.length) {
        controller.enqueue(
          encoder.encode(
            rows
              .map((r) =>
                csvLine([
                  r.id,
                  // The owner travels as an email, which a re-import resolves to the user.
                  ...INTEGRATION_FIELDS.map((f) => (f === "ownerId" ? (r.owner?.email ?? "") : r[f])),
                  r.readiness.verdict,
                  r.readiness.reason,
                  r.createdAt,
                  r.updatedAt,
                  r.checklist.done,
                  r.checklist.required,
                  r.checklist.total,
                  // proven, declared or checklist: a ready verdict says what it rests on.
                  r.readiness.basis ?? "",
                ]),
              )
              .join(""),
          ),
        );
      }
      if (rows.length < BATCH) controller.close();
    },
  });
}
