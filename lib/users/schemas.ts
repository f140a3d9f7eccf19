import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const roleSchema = z.enum(["ADMIN", "MANAGER", "MEMBER"], { message: "must be ADMIN, MANAGER or MEMBER" });

export const emailSchema = z
  .string({ message: "is required" })
  .trim()
  .toLowerCase()
  .min(1, "is required")
  .max(254, "is too long")
  .email("must be an email address");

export const passwordSchema = z
  .string({ message: "is required" })
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "must be at most 200 characters");

export const nameSchema = z.string({ message: "is required" }).trim().min(1, "is required").max(120, "is too long");

export const createUserInput = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  // A one-time password to pass on, or a set-up link the person opens to choose their own.
  credential: z.enum(["password", "invite"], { message: "must be password or invite" }).default("invite"),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const versionSchema = z.coerce.number({ message: "is required" }).int().min(1, "must be a positive integer");

/** The changes an admin may make to a user (the API takes the id from the path). */
export const userChangesSchema = z.object({
  version: versionSchema,
  role: roleSchema.optional(),
  disabled: z.boolean({ message: "must be true or false" }).optional(),
  name: nameSchema.optional(),
});

export const updateUserInput = userChangesSchema
  .extend({ id: z.string().uuid("must be a valid id") })
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.name !== undefined, {
    message: "Nothing to change: send role, disabled or name",
    path: ["_"],
  });
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const acceptInviteInput = z
  .object({ token: z.string().min(10, "is not a valid invitation"), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "does not match the password", path: ["confirm"] });

export const changePasswordInput = z
  .object({ current: z.string().min(1, "is required"), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "does not match the password", path: ["confirm"] })
  .refine((v) => v.password !== v.current, { message: "must differ from the current password", path: ["password"] });

export const profileInput = z.object({ name: nameSchema });
