import { apiRoute } from "@/lib/http/api";
import { createTemplate, listTemplates } from "@/lib/checklists/templates";
import { createTemplateInput, templatesQuery } from "@/lib/checklists/schemas";

/** `?campaign=<id>&category=api|…|campaign`: a campaign's checklist templates (default: the active campaign). */
export const GET = apiRoute({ permission: "checklists.read", query: templatesQuery }, async ({ actor, query }) => listTemplates(actor, query));

/** Adds an item to a checklist: every integration of its category in the campaign gets it, open. */
export const POST = apiRoute({ permission: "checklists.manage", body: createTemplateInput }, async ({ actor, body }) =>
  Response.json(await createTemplate(actor, body), { status: 201 }),
);
