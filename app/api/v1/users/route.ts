import { apiRoute } from "@/lib/http/api";
import { createUser, listUsers } from "@/lib/users/service";
import { createUserInput } from "@/lib/users/schemas";

export const GET = apiRoute({ permission: "users.manage" }, async ({ actor }) => ({ data: await listUsers(actor) }));

export const POST = apiRoute({ permission: "users.manage", body: createUserInput }, async ({ actor, body }) => {
  const created = await createUser(actor, body);
  return Response.json(created, { status: 201 });
});
