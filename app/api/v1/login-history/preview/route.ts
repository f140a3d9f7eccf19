import { apiRoute } from "@/lib/http/api";
import { BadRequestError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES, UploadTooLargeError } from "@/lib/login-history/imports";
import { previewExport } from "@/lib/login-history/preview";
import { timeOptionsQuery } from "@/lib/login-history/schemas";
import { assertUploadType } from "@/lib/login-history/upload-body";

// The form sends the first 256 KB; the first MB is plenty for the rows shown.
const PREVIEW_BYTES = 1024 * 1024;

/**
 * The first rows of an export (or of its start) as the import would read them; nothing is stored.
 * The whole body is read before answering (what is past the first MB is discarded): a reply sent
 * while the body is still arriving leaves the browser's connection unusable for the next request.
 */
export const POST = apiRoute({ permission: "loginHistory.manage", query: timeOptionsQuery }, async ({ actor, query, req }) => {
  assertUploadType(req.headers.get("content-type"));
  if (!req.body) throw new BadRequestError("Send the start of the Login History export as the request body.");
  const kept: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
    if (size < PREVIEW_BYTES) kept.push(chunk.subarray(0, PREVIEW_BYTES - size));
    size += chunk.byteLength;
    if (size > MAX_UPLOAD_BYTES) throw new UploadTooLargeError();
  }
  return previewExport(actor, (async function* () {
    yield* kept;
  })(), query);
});
