import { apiRoute } from "@/lib/http/api";
import { myWork } from "@/lib/checklists/work";
import { workQuery } from "@/lib/checklists/schemas";

/** Your open checklist items across the integrations you own, nearest milestone first. */
export const GET = apiRoute({ permission: "checklists.read", query: workQuery }, async ({ actor, query }) => myWork(actor, query));
