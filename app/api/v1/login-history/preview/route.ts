import { apiRoute } from "@/lib/http/api";
import { BadRequestError } from "@/lib/errors";
import { previewExport } from "@/lib/login-history/preview";
import { timeOptionsQuery } from "@/lib/login-history/schemas";
import { assertUploadType } from "@/lib/login-history/upload-body";

/** The first rows of an export (or of its start) as the import would read them; nothing is stored. */
export const POST = apiRoute({ permission: "loginHistory.manage", query: timeOptionsQuery }, async ({ actor, query, req }) => {
  assertUploadType(req.headers.get("content-type"));
  if (!req.body) throw new BadRequestError("Send the start of the Login History export as the request body.");
  // Read without cancelling: the preview stops after a few rows and drains the rest, so the
  // browser's connection stays usable for the upload that follows.
  const body = req.body as unknown as { values(o: { preventCancel: boolean }): AsyncIterator<Uint8Array> };
  return previewExport(actor, { [Symbol.asyncIterator]: () => body.values({ preventCancel: true }) }, query);
});
