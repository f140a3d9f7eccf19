import { apiRoute } from "@/lib/http/api";
import { BadRequestError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES, UploadTooLargeError, createImport, listImports } from "@/lib/login-history/imports";
import { uploadQuery } from "@/lib/login-history/schemas";
import { assertUploadType, uploadFileName } from "@/lib/login-history/upload-body";

/** The imports, newest first (progress and counts; GET one import for its row errors). */
export const GET = apiRoute({ permission: "loginHistory.read" }, async ({ actor }) => ({ data: await listImports(actor) }));

/**
 * POST the export as the body (`text/csv`, or `application/gzip`), with `?timeZone=&dateOrder=`
 * for times that do not say their zone. Stored, then read by a worker: 202 with `{ id }`.
 */
export const POST = apiRoute({ permission: "loginHistory.manage", query: uploadQuery }, async ({ actor, query, req }) => {
  assertUploadType(req.headers.get("content-type"));
  if (Number(req.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES) throw new UploadTooLargeError();
  if (!req.body) throw new BadRequestError("Send the Login History export as the request body.");
  const fileName = uploadFileName(query.fileName, req.headers.get("content-disposition"));
  const created = await createImport(actor, { fileName, timeZone: query.timeZone, dateOrder: query.dateOrder }, req.body as unknown as AsyncIterable<Uint8Array>);
  return Response.json(created, { status: 202 });
});
