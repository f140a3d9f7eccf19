import { validationFromZod } from "@/lib/errors";
import { apiRoute, idParams } from "@/lib/http/api";
import { getUser, updateUser } from "@/lib/users/service";
import { updateUserInput, userChangesSchema } from "@/lib/users/schemas";

export const GET = apiRoute({ permission: "users.manage", params: idParams }, async ({ actor, params }) => getUser(actor, params.id));

export const PATCH = apiRoute({ permission: "users.manage", params: idParams, body: userChangesSchema }, async ({ actor, params, body }) => {
  const parsed = updateUserInput.safeParse({ ...body, id: params.id });
  if (!parsed.success) throw validationFromZod(parsed.error.issues);
  return updateUser(actor, parsed.data);
});
