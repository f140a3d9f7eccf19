// A real HTTP server on loopback that records every request (headers and raw body) and answers
// with the status the test chooses.
import http from "node:http";

export interface ReceivedCall {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export async function startWebhookReceiver(opts: { status?: number } = {}) {
  const calls: ReceivedCall[] = [];
  const state = { status: opts.status ?? 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(state.status, { "content-type": "text/plain" }).end(state.status < 300 ? "ok" : "refused by the test receiver");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    calls,
    answerWith(status: number) {
      state.status = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
