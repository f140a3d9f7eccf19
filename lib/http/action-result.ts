import type { FieldErrors } from "@/lib/errors";

// Shared by server actions and the client forms that call them.
export interface ActionError {
  status: number;
  code: string;
  message: string;
  fields?: FieldErrors;
  current?: unknown;
  /** For 429 (and 503): seconds until trying again can succeed, as the API's Retry-After header says. */
  retryAfterSeconds?: number;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** What a server action hands a successful caller: forms type their state with it instead of copying it. */
export type ActionData<A> = A extends (input: never) => Promise<ActionResult<infer T>> ? T : never;
