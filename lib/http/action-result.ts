import type { FieldErrors } from "@/lib/errors";

// Shared by server actions and the client forms that call them.
export interface ActionError {
  status: number;
  code: string;
  message: string;
  fields?: FieldErrors;
  current?: unknown;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
