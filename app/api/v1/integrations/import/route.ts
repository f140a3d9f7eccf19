import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { AppError, BadRequestError } from "@/lib/errors";
import { planImport } from "@/lib/integrations/csv-import";
import { IMPORT_MODES, commitImport } from "@/lib/integrations/csv-commit";

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const importQuery = z.object({
  mode: z.enum(IMPORT_MODES, { message: "must be all_or_nothing or valid_only" }).default("all_or_nothing"),
  dryRun: z.enum(["true", "false", "1", "0"], { message: "must be true or false" }).default("false").transform((v) => v === "true" || v === "1"),
});

class TooLargeError extends AppError {
  constructor() {
    super(413, "too_large", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`);
  }
}

/** Refuses a body past the limit while it streams in, so a huge upload is never held in memory. */
function limited(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > MAX_IMPORT_BYTES) controller.error(new TooLargeError());
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * POST a CSV file as the body (`text/csv`). `?dryRun=true` previews what would happen per row;
 * otherwise `mode=all_or_nothing` (default) commits only a file without bad rows, and
 * `mode=valid_only` commits the good rows. Either way every bad row is reported with its line.
 */
export const POST = apiRoute({ permission: "integrations.import", query: importQuery }, async ({ actor, query, req }) => {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) throw new TooLargeError();
  if (!req.body) throw new BadRequestError("Send the CSV file as the request body.");
  let plan;
  try {
    plan = await planImport(actor, limited(req.body));
  } catch (err) {
    if (err instanceof TooLargeError || (err as { cause?: unknown }).cause instanceof TooLargeError) throw new TooLargeError();
    throw err;
  }
  if (plan.fatal) {
    return Response.json({ dryRun: query.dryRun, ...plan, error: { code: "invalid", message: plan.fatal } }, { status: 422 });
  }
  if (query.dryRun) return Response.json({ dryRun: true, ...plan });
  const outcome = await commitImport(actor, plan, query.mode);
  if (outcome.committed) return Response.json({ dryRun: false, ...outcome, summary: plan.summary });
  const message = `${outcome.rejected.length} rows are not valid, so nothing was imported (mode all_or_nothing). Fix them, or send mode=valid_only.`;
  return Response.json({ dryRun: false, ...outcome, summary: plan.summary, error: { code: "invalid", message } }, { status: 422 });
});
