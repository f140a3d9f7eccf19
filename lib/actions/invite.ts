"use server";
import { acceptInviteInput } from "@/lib/users/schemas";
import { acceptInvite } from "@/lib/users/profile";
import { AppError, validationFromZod } from "@/lib/errors";
import type { ActionResult } from "@/lib/http/action-result";

// The one action a signed-out visitor may call: the invitation token is the credential.
export async function acceptInviteAction(raw: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = acceptInviteInput.safeParse(raw);
  try {
    if (!parsed.success) throw validationFromZod(parsed.error.issues);
    return { ok: true, data: await acceptInvite(parsed.data.token, parsed.data.password) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { status: err.status, code: err.code, message: err.message, fields: err.fields } };
    throw err;
  }
}
