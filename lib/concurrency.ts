// Optimistic locking, in one place. Every editable record carries an integer `version`; a writer
// sends the version it read, and the write lands only if the row still has it (the version then
// goes up by one). Otherwise nobody's change is lost: the writer gets a 409 ConflictError whose
// `current` is the record as it is now, to show what the other person changed.
//
// Usage, inside the caller's transaction (pass the transaction's model delegate, e.g. tx.milestone):
//   assertCurrentVersion(before, input.version, "this milestone");   // early, with the row just read
//   await updateVersioned(tx.milestone, { where: { id }, expected: input.version, data: { dueAt },
//     what: "this milestone", current: () => tx.milestone.findUnique({ where: { id } }) });
// The update's own `version = expected` condition is what decides a race between two writers that
// both passed the early check; the early check only spares work (and gives a clearer reply sooner).
import { ConflictError } from "@/lib/errors";

/** The one conflict message: what changed, that nothing was saved, and what to do now. */
export function conflictMessage(what: string, next = "Review the current values and try again."): string {
  return `Someone else changed ${what} in the meantime, so nothing was saved. ${next}`;
}

/** 409 with `current` when the writer read another version than the one stored. */
export function assertCurrentVersion<R extends { version: number }>(current: R, expected: number, what: string, next?: string): void {
  if (current.version !== expected) throw new ConflictError(conflictMessage(what, next), current);
}

// Any Prisma model delegate (db.integration, tx.user, ...): its own argument types are read from it
// below, so `where` and `data` are checked against that model.
type UpdatableModel = { updateMany: (args: never) => PromiseLike<{ count: number }> };
type DeletableModel = { deleteMany: (args: never) => PromiseLike<{ count: number }> };
type UpdateArgs<M extends UpdatableModel> = NonNullable<Parameters<M["updateMany"]>[0]>;
type DeleteArgs<M extends DeletableModel> = NonNullable<Parameters<M["deleteMany"]>[0]>;

interface VersionedWrite {
  /** The version the writer read. */
  expected: number;
  /** "this integration", `"${name}" (line 4)`: named in the 409's message. */
  what: string;
  /** Reads the record as it is now, for the 409's `current` (null when it was deleted). */
  current: () => PromiseLike<unknown>;
  /** What to do after a conflict, when "review and try again" does not fit. */
  next?: string;
}

/** Updates the row(s) matching `where` only at version `expected`, and bumps the version. */
export async function updateVersioned<M extends UpdatableModel>(
  model: M,
  write: VersionedWrite & { where: UpdateArgs<M>["where"]; data: UpdateArgs<M>["data"] },
): Promise<void> {
  const args = { where: { ...(write.where as object), version: write.expected }, data: { ...(write.data as object), version: { increment: 1 } } };
  const { count } = await model.updateMany(args as never);
  if (count === 0) throw new ConflictError(conflictMessage(write.what, write.next), (await write.current()) ?? undefined);
}

/** Deletes the row(s) matching `where` only at version `expected`. */
export async function deleteVersioned<M extends DeletableModel>(model: M, write: VersionedWrite & { where: DeleteArgs<M>["where"] }): Promise<void> {
  const { count } = await model.deleteMany({ where: { ...(write.where as object), version: write.expected } } as never);
  if (count === 0) throw new ConflictError(conflictMessage(write.what, write.next), (await write.current()) ?? undefined);
}
