"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/http/action";
import { createToken, revokeToken } from "@/lib/auth/tokens";
import { createTokenInput } from "@/lib/auth/token-schemas";

export const createTokenAction = serverAction({ permission: "tokens.manage", input: createTokenInput }, async (input, actor) => {
  const { token, secret } = await createToken(actor, input);
  revalidatePath("/admin/tokens");
  return { name: token.name, secret };
});

export const revokeTokenAction = serverAction(
  { permission: "tokens.manage", input: z.object({ id: z.string().uuid("must be a valid id") }) },
  async ({ id }, actor) => {
    await revokeToken(actor, id);
    revalidatePath("/admin/tokens");
    return { id };
  },
);
