// In-process queues for password checks. They wait in memory, never in a pooled database
// connection: a flood of sign-ins (argon2 is deliberately slow) must not take the connections the
// rest of the app needs, and must not hold them while waiting for each other.

/** Raised when a password check waited too long for its turn: the caller answers "busy, retry". */
export class SignInBusyError extends Error {
  constructor() {
    super("Too many sign-ins are in progress. Try again in a few seconds.");
    this.name = "SignInBusyError";
  }
}

function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SignInBusyError()), ms);
  });
  promise.catch(() => undefined); // observed by race() below; never an unhandled rejection
  return { promise, cancel: () => clearTimeout(timer) };
}

/** At most `limit` holders at once, the rest waiting in arrival order for at most `maxWaitMs`. */
export class ConcurrencyGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaitMs: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    let admit!: () => void;
    const admitted = new Promise<void>((resolve) => (admit = resolve));
    const waiter = () => {
      this.active += 1;
      admit();
    };
    this.waiting.push(waiter);
    const limit = timeout(this.maxWaitMs);
    try {
      await Promise.race([admitted, limit.promise]);
    } catch (err) {
      const at = this.waiting.indexOf(waiter);
      if (at >= 0) this.waiting.splice(at, 1);
      else this.release(); // admitted in the same tick as the timeout: give the place back
      throw err;
    } finally {
      limit.cancel();
    }
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}

/** One at a time per key (an account), in arrival order; a turn waits at most `maxWaitMs`. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly maxWaitMs: number) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let finish!: () => void;
    const mine = new Promise<void>((resolve) => (finish = resolve));
    // The next in line waits for everyone ahead and for this turn, even if this one gives up early.
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    const limit = timeout(this.maxWaitMs);
    try {
      await Promise.race([previous, limit.promise]);
      limit.cancel();
      return await fn();
    } finally {
      limit.cancel();
      finish();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
