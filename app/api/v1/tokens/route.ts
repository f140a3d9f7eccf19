import { apiRoute } from "@/lib/http/api";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { createTokenInput } from "@/lib/auth/token-schemas";

export const GET = apiRoute({ permission: "tokens.manage" }, async ({ actor }) => ({ data: await listTokens(actor) }));

/** The secret is in this response only. */
export const POST = apiRoute({ permission: "tokens.manage", body: createTokenInput }, async ({ actor, body }) => {
  const { token, secret } = await createToken(actor, body);
  return Response.json({ ...token, secret }, { status: 201 });
});
