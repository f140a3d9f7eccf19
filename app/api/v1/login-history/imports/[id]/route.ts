import { apiRoute, idParams } from "@/lib/http/api";
import { deleteImport, getImport } from "@/lib/login-history/imports";

/** `{ id, status, rowsRead, rowsImported, rowsRefused, errors: [{ line, reason }], from, to, ... }` */
export const GET = apiRoute({ permission: "loginHistory.read", params: idParams }, async ({ actor, params }) => getImport(actor, params.id));

/** Deletes the import and the logins it brought (a running one is stopped). */
export const DELETE = apiRoute({ permission: "loginHistory.manage", params: idParams }, async ({ actor, params }) => {
  await deleteImport(actor, params.id);
});
