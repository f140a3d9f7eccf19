"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { clientAddress } from "@/lib/auth/client-address";
import { serverAction } from "@/lib/http/action";
import { changeOwnPassword, updateProfile } from "@/lib/users/profile";
import { changePasswordInput, profileInput } from "@/lib/users/schemas";

export const updateProfileAction = serverAction({ permission: "profile.edit", input: profileInput }, async (input, actor) => {
  const result = await updateProfile(actor, input);
  revalidatePath("/", "layout");
  return result;
});

export const changePasswordAction = serverAction({ permission: "profile.edit", input: changePasswordInput }, async (input, actor) => {
  await changeOwnPassword(actor, input, clientAddress(await headers()));
  return { email: actor.email };
});
