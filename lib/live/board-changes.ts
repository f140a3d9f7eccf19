import "server-only";
// Live updates of the board and My work (docs/decisions/0009-board-live-updates.md). Triggers on
// checklist_items, probes and integrations NOTIFY the channel board_changes (prisma/manual/004);
// each web process holds ONE connection that LISTENs while anyone is subscribed, and fans each
// notification out to its subscribers (the SSE streams), so a thousand open boards cost one
// connection, not a thousand.
import pg from "pg";
import { databaseEnv } from "@/lib/env";
import { logWarn } from "@/lib/log";

export const BOARD_CHANNEL = "board_changes";
const RECONNECT_MS = 2_000;

/** What a subscriber hears: the table that changed, or "reconnected" (it may have missed some). */
export type BoardChange = { table: string };
type Subscriber = (change: BoardChange) => void;

class BoardChangeListener {
  private subscribers = new Set<Subscriber>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private lost = false;
  private connectionWatchers = new Set<() => void>();

  /** Whether a LISTEN is in place right now (notifications will arrive). */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Called whenever the LISTEN connection is made or lost. */
  onConnectionChange(fn: () => void) {
    this.connectionWatchers.add(fn);
  }

  private connectionChanged() {
    for (const fn of this.connectionWatchers) fn();
  }

  /** Starts hearing changes; returns the unsubscribe function. */
  subscribe(fn: Subscriber): () => void {
    this.subscribers.add(fn);
    void this.connect();
    return () => {
      this.subscribers.delete(fn);
      if (this.subscribers.size === 0) this.close();
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Resolves once the LISTEN is in place (tests wait for it before sending a NOTIFY). */
  async ready(): Promise<void> {
    await this.connect();
  }

  private emit(change: BoardChange) {
    for (const fn of this.subscribers) {
      try {
        fn(change);
      } catch (err) {
        logWarn("A board-change subscriber failed", err);
      }
    }
  }

  private connect(): Promise<void> {
    if (this.client || this.subscribers.size === 0) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: databaseEnv().DATABASE_URL, application_name: "trb board-changes" });
      client.on("notification", (msg) => this.emit({ table: msg.payload ?? "" }));
      client.on("error", (err) => this.drop(client, err));
      client.on("end", () => this.drop(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${BOARD_CHANNEL}`);
        this.client = client;
        this.connectionChanged();
        // After a lost connection, subscribers refresh once: changes may have come and gone meanwhile.
        if (this.lost) this.emit({ table: "reconnected" });
        this.lost = false;
        if (this.subscribers.size === 0) this.close();
      } catch (err) {
        await client.end().catch(() => undefined);
        this.drop(null, err);
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private drop(client: pg.Client | null, err?: unknown) {
    if (client && this.client !== client) return;
    if (err) logWarn("The board's live-update connection was lost; reconnecting", err);
    this.client = null;
    this.connectionChanged();
    this.lost = true;
    if (this.subscribers.size > 0 && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.connect();
      }, RECONNECT_MS);
      this.retry.unref?.();
    }
  }

  private close() {
    const client = this.client;
    this.client = null;
    if (client) this.connectionChanged();
    this.lost = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (client) void client.end().catch(() => undefined);
  }
}

// One per process, also across `next dev` module reloads.
const globalForListener = globalThis as unknown as { trbBoardChanges?: BoardChangeListener };
export const boardChanges: BoardChangeListener = (globalForListener.trbBoardChanges ??= new BoardChangeListener());
