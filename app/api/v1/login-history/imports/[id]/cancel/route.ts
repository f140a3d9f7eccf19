import { apiRoute, idParams } from "@/lib/http/api";
import { cancelImport } from "@/lib/login-history/imports";

/** Cancels a queued or running import; nothing it read is kept. 409 when it has already finished. */
export const POST = apiRoute({ permission: "loginHistory.manage", params: idParams }, async ({ actor, params }) => cancelImport(actor, params.id));
