/**
 * One deadline for everything a probe does to one target. Every connection, the STARTTLS dialogue
 * and the DNS lookup listen to `signal`; when it fires they tear down at once, so a target that
 * never answers costs one timeout, not one per attempt.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly external?: AbortSignal;
  private readonly onExternalAbort = () => this.fire("aborted");
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

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
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
    this.controller.abort();
  }

  /** Stops the timer and detaches from the caller's signal; must be called when the probe ends. */
  dispose(): void {
    clearTimeout(this.timer);
    this.external?.removeEventListener("abort", this.onExternalAbort);
  }

  /** Registers a teardown for when the deadline fires; returns the unregister function. */
  onExpire(fn: () => void): () => void {
    if (this.expired) {
      fn();
      return () => {};
    }
    this.signal.addEventListener("abort", fn, { once: true });
    return () => this.signal.removeEventListener("abort", fn);
  }
}
