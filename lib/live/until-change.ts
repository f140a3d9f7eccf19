import "server-only";
// Whole-inventory counts (the board's groups, the header's not-ready count) kept until the
// database says something changed: the board_changes notification (board-changes.ts) clears
// them all. Only while this process is actually listening; otherwise every call computes.
// A result computed while a change arrived is not kept (it may predate the change).
import { boardChanges } from "./board-changes";

const MAX_ENTRIES = 500;
/** A safety net: nothing is kept longer than this even if no notification comes. */
const MAX_AGE_MS = 60_000;

class UntilChange {
  private entries = new Map<string, { value: unknown; at: number }>();
  private generation = 0;
  private started = false;

  private start() {
    if (this.started) return;
    this.started = true;
    // Subscribed for the life of the process: one LISTEN connection, shared with the event streams.
    boardChanges.subscribe(() => this.clear());
    boardChanges.onConnectionChange(() => this.clear());
  }

  clear() {
    this.generation += 1;
    this.entries.clear();
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    this.start();
    if (!boardChanges.listening) return compute();
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.value as T;
    const generation = this.generation;
    const value = await compute();
    if (generation === this.generation && boardChanges.listening) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, at: Date.now() });
    }
    return value;
  }
}

const globalForCache = globalThis as unknown as { trbUntilChange?: UntilChange };
/** `untilChange.get(key, compute)`: the key must name everything the result depends on. */
export const untilChange: UntilChange = (globalForCache.trbUntilChange ??= new UntilChange());
