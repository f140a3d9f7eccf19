import { apiRoute, idParams } from "@/lib/http/api";
import { revokeToken } from "@/lib/auth/tokens";

export const DELETE = apiRoute({ permission: "tokens.manage", params: idParams }, async ({ actor, params }) => revokeToken(actor, params.id));
