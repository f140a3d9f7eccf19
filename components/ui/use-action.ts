"use client";
import { useCallback, useState, useTransition } from "react";
import type { ActionError, ActionResult } from "@/lib/http/action-result";

/**
 * Runs a server action from a form: tracks pending state, keeps the error (with its field
 * messages) for the form to show, and hands successful data to the caller.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);

  const run = useCallback(
    (input: I, onSuccess?: (data: T) => void, onError?: (error: ActionError) => void) => {
      startTransition(async () => {
        let result: ActionResult<T>;
        try {
          result = await action(input);
        } catch {
          result = { ok: false, error: { status: 0, code: "network", message: "The server could not be reached. Check your connection and try again." } };
        }
        if (result.ok) {
          setError(null);
          onSuccess?.(result.data);
        } else {
          setError(result.error);
          onError?.(result.error);
        }
      });
    },
    [action],
  );

  return {
    run,
    pending,
    error,
    clearError: () => setError(null),
    fieldError: (name: string): string | undefined => error?.fields?.[name],
  };
}
