import { apiRoute } from "@/lib/http/api";
import { auditQuerySchema, listAudit } from "@/lib/audit/query";

export const GET = apiRoute({ permission: "audit.read", query: auditQuerySchema }, async ({ actor, query }) => listAudit(actor, query));
