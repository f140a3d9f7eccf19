"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/http/action";
import { createUser, resetCredential, updateUser } from "@/lib/users/service";
import { createUserInput, updateUserInput } from "@/lib/users/schemas";

export const createUserAction = serverAction({ permission: "users.manage", input: createUserInput }, async (input, actor) => {
  const created = await createUser(actor, input);
  revalidatePath("/admin/users");
  return { email: created.user.email, oneTimePassword: created.oneTimePassword, inviteToken: created.inviteToken };
});

export const updateUserAction = serverAction({ permission: "users.manage", input: updateUserInput }, async (input, actor) => {
  const user = await updateUser(actor, input);
  revalidatePath("/admin/users");
  return { id: user.id, version: user.version };
});

export const resetCredentialAction = serverAction(
  {
    permission: "users.manage",
    input: z.object({ id: z.string().uuid("must be a valid id"), credential: z.enum(["password", "invite"]) }),
  },
  async ({ id, credential }, actor) => {
    const result = await resetCredential(actor, id, credential);
    revalidatePath("/admin/users");
    return { email: result.user.email, oneTimePassword: result.oneTimePassword, inviteToken: result.inviteToken };
  },
);
