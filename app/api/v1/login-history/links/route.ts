import { apiRoute } from "@/lib/http/api";
import { createIntegrationFromFinding, linkFinding } from "@/lib/login-history/links";
import { linkInput } from "@/lib/login-history/schemas";

/**
 * `{ kind: client|user, key, integrationId? }`: links a finding to an integration, or without
 * `integrationId` creates one from it (201). Either way `{ integrationId }`.
 */
export const POST = apiRoute({ permission: "loginHistory.manage", body: linkInput }, async ({ actor, body }) => {
  if (body.integrationId) {
    await linkFinding(actor, body, body.integrationId);
    return { integrationId: body.integrationId };
  }
  return Response.json(await createIntegrationFromFinding(actor, body), { status: 201 });
});
