import "server-only";
import { ConflictError } from "@/lib/errors";

/**
 * Optimistic locking for checklist writes: the update carries `version = expected` in its where
 * clause, so of two writes made from the same version exactly one matches (the other waits for the
 * first's row lock, then finds the version moved on). When nothing matched, the caller gets a 409
 * with the current record to show. Local to checklists until the shared helper for every model
 * lands; then this is replaced by it.
 */
export async function updateVersioned<T>(opts: {
  update: () => Promise<{ count: number }>;
  current: () => Promise<T>;
  message: string;
}): Promise<void> {
  const { count } = await opts.update();
  if (count === 0) throw new ConflictError(opts.message, await opts.current());
}
