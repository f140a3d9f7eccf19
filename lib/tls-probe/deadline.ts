/**
 * One deadline for everything a probe does to one target. Every connection, the STARTTLS dialogue
 * and the DNS lookup register a teardown with onExpire(); when the deadline fires they tear down
 * at once, so a target that never answers costs one timeout, not one per attempt.
 */
export class Deadline {
  private readonly timer: NodeJS.Timeout;
  private readonly external?: AbortSignal;
  private readonly onExternalAbort = () => this.fire("aborted");
  // A plain set rather than AbortSignal listeners: a bulk run registers and removes a dozen
  // teardowns per target, and EventTarget bookkeeping showed up in profiles.
  private readonly teardowns = new Set<() => void>();
  readonly startedAt = Date.now();
  readonly at: number;
  /** Why the deadline fired: the timeout elapsed, or the caller aborted. */
  cause: "timeout" | "aborted" | null = null;

  constructor(
    readonly timeoutMs: number,
    external?: AbortSignal,
  ) {
    this.at = this.startedAt + timeoutMs;
    this.timer = setTimeout(() => this.fire("timeout"), timeoutMs);
    this.external = external;
    if (external?.aborted) this.fire("aborted");
    else external?.addEventListener("abort", this.onExternalAbort, { once: true });
  }

  get expired(): boolean {
    return this.cause !== null;
  }

  remaining(): number {
    return Math.max(0, this.at - Date.now());
  }

  elapsed(): number {
    return Date.now() - this.startedAt;
  }

  private fire(cause: "timeout" | "aborted"): void {
    if (this.cause) return;
    this.cause = cause;
    clearTimeout(this.timer);
    const pending = [...this.teardowns];
    this.teardowns.clear();
    for (const fn of pending) fn();
  }

  /** Stops the timer and detaches from the caller's signal; must be called when the probe ends. */
  dispose(): void {
    clearTimeout(this.timer);
    this.teardowns.clear();
    this.external?.removeEventListener("abort", this.onExternalAbort);
  }

  /** Registers a teardown for when the deadline fires (at once if it has); returns the unregister function. */
  onExpire(fn: () => void): () => void {
    if (this.expired) {
      fn();
      return () => {};
    }
    this.teardowns.add(fn);
    return () => this.teardowns.delete(fn);
  }
}
