import "server-only";
// The server-sent event stream behind /api/v1/board/events: one per open board or My work page,
// fed by the process's single LISTEN connection (board-changes.ts).
import { boardChanges, type BoardChange } from "./board-changes";

/** A burst of changes (a bulk probe run, a template added everywhere) reaches a page at most this often. */
export const COALESCE_MS = 1_000;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 20_000;

export function boardEventStream(signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let pending = new Set<string>();
      let timer: ReturnType<typeof setTimeout> | null = null;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup(); // the client went away without the request being aborted
        }
      };
      const flush = () => {
        timer = null;
        if (pending.size === 0) return;
        send(`event: change\ndata: ${JSON.stringify({ tables: [...pending].sort() })}\n\n`);
        pending = new Set();
      };
      const onChange = (change: BoardChange) => {
        pending.add(change.table);
        timer ??= setTimeout(flush, COALESCE_MS);
      };
      const unsubscribe = boardChanges.subscribe(onChange);
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      // The browser reconnects after 3 s if the stream breaks; "ready" once LISTEN is in place.
      void boardChanges.ready().then(() => send(`retry: 3000\nevent: ready\ndata: {}\n\n`));
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
