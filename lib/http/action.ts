import "server-only";
import type { ZodType } from "zod";
import { sessionActor } from "@/lib/auth/session";
import { canAny, CHANGE_PASSWORD_FIRST, mustChangePasswordFirst, type Actor, type Permission } from "@/lib/auth/permissions";
import { AppError, ServiceUnavailableError, isDatabaseUnavailable, validationFromZod } from "@/lib/errors";
import { logError, logWarn } from "@/lib/log";
import type { ActionResult } from "./action-result";

export type { ActionResult } from "./action-result";

/**
 * The one wrapper for server actions: the same checks as the API wrapper (authenticate, role
 * permission, zod), with errors returned as data the form can show next to its fields.
 */
export function serverAction<I, T>(
  spec: { permission: Permission; input: ZodType<I> },
  fn: (input: I, actor: Actor) => Promise<T>,
): ((raw: unknown) => Promise<ActionResult<T>>) & { permission: Permission } {
  const action = async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      const actor = await sessionActor();
      if (!actor) return fail(401, "unauthenticated", "Your session has ended. Sign in again.");
      if (!canAny(actor, spec.permission)) return fail(403, "forbidden", "Your role does not allow this.");
      if (mustChangePasswordFirst(actor, spec.permission)) return fail(403, "forbidden", CHANGE_PASSWORD_FIRST);
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) throw validationFromZod(parsed.error.issues);
      return { ok: true, data: await fn(parsed.data, actor) };
    } catch (caught) {
      let err = caught;
      if (!(err instanceof AppError) && isDatabaseUnavailable(err)) {
        logWarn("Answered 503: the database is unavailable", err);
        err = new ServiceUnavailableError();
      }
      if (err instanceof AppError) {
        return {
          ok: false,
          error: {
            status: err.status,
            code: err.code,
            message: err.message,
            fields: err.fields,
            current: err.current,
            ...("retryAfterSeconds" in err ? { retryAfterSeconds: err.retryAfterSeconds as number } : {}),
          },
        };
      }
      logError("Unhandled error in server action", err);
      return fail(500, "internal", "Something went wrong on the server. Try again; if it persists, tell an admin.");
    }
  };
  return Object.assign(action, { permission: spec.permission });
}

function fail(status: number, code: string, message: string): ActionResult<never> {
  return { ok: false, error: { status, code, message } };
}
