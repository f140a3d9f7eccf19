import "server-only";
import { AppError } from "@/lib/errors";

// Checks an upload's request before its body is read.

const ACCEPTED = ["text/csv", "application/gzip", "application/x-gzip", "application/csv", "text/plain", "application/octet-stream"];

export function assertUploadType(contentType: string | null): void {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (!ACCEPTED.includes(type)) {
    throw new AppError(415, "unsupported_media_type", `Send the Login History export as the body with Content-Type text/csv, or application/gzip when gzipped (got ${type || "none"}).`);
  }
}

/** The file's name: ?fileName=, else Content-Disposition's filename, else a default. */
export function uploadFileName(explicit: string | undefined, disposition: string | null): string {
  if (explicit) return explicit;
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? "");
  if (m) {
    try {
      return decodeURIComponent(m[1]).slice(0, 255);
    } catch {
      return m[1].slice(0, 255);
    }
  }
  return "LoginHistory.csv";
}
