import { apiRoute, idParams } from "@/lib/http/api";
import { getProbe } from "@/lib/probes/read";

export const GET = apiRoute({ permission: "probes.read", params: idParams }, async ({ actor, params }) => getProbe(actor, params.id));
