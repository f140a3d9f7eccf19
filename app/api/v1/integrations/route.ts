import { apiRoute } from "@/lib/http/api";
import { createIntegration, listIntegrations } from "@/lib/integrations/service";
import { createIntegrationInput, listQuerySchema } from "@/lib/integrations/schemas";

/** `?q=&category=api,browser&status=&owner=me|none|<id>&endpoint=yes|no&sort=-updatedAt&page=1&pageSize=50` */
export const GET = apiRoute({ permission: "integrations.read", query: listQuerySchema }, async ({ actor, query }) => listIntegrations(actor, query));

export const POST = apiRoute({ permission: "integrations.create", body: createIntegrationInput }, async ({ actor, body }) =>
  Response.json(await createIntegration(actor, body), { status: 201 }),
);
