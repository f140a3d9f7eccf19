// The production web server: Next's request handler in one process per CPU (WEB_CONCURRENCY),
// sharing one port through Node's cluster module. Rendering a page is CPU work on one thread, so
// one process per core is what lets a server use the machine it runs on. `next start` is the same
// server with one process.
import cluster from "node:cluster";
import http from "node:http";
import { availableParallelism } from "node:os";
import nextEnv from "@next/env";
import next from "next";

// Settings in .env files, read as Next reads them: this process needs PORT, WEB_CONCURRENCY and
// TRUST_PROXY before Next has started (in the cluster's primary, Next never starts at all).
nextEnv.loadEnvConfig(import.meta.dirname, false, { info: () => {}, error: (...args) => console.error(...args) });

const port = Number(process.env.PORT ?? 3000);
const trustProxy = process.env.TRUST_PROXY === "true";
const proxyHops = Math.max(1, Number(process.env.TRUST_PROXY_HOPS ?? 1));
// lib/auth/client-address.ts believes x-trb-client-address only when this server set it.
process.env.TRB_CLIENT_ADDRESS_HEADER = "1";

/**
 * The client's address for sign-in throttling: the socket's peer, or behind trusted proxies the
 * entry the nearest of them appended to X-Forwarded-For (entries further left are the client's
 * own claims). Always overwrites whatever the request carried.
 */
function clientAddress(req) {
  if (trustProxy) {
    const parts = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (parts.length >= proxyHops) return parts[parts.length - proxyHops];
  }
  return req.socket.remoteAddress ?? "";
}
const host = process.env.HOST ?? "0.0.0.0";
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? availableParallelism()));

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  // A process that dies is replaced, but not forever: several deaths within a minute mean it
  // cannot start at all (no build, a bad setting), and restarting would only spin the CPU.
  const recentDeaths = [];
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const at = Date.now();
    recentDeaths.push(at);
    while (recentDeaths.length && recentDeaths[0] < at - 60_000) recentDeaths.shift();
    if (recentDeaths.length > workers * 2) {
      console.error(`web processes keep exiting (${recentDeaths.length} in a minute, the last with ${signal ?? code}); stopping. See the errors above (no build? run npm run build).`);
      process.exit(1);
    }
    console.error(`web worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
    setTimeout(() => process.exit(0), 5000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`> Ready on http://${host === "0.0.0.0" ? "localhost" : host}:${port} with ${workers} processes`);
} else {
  const app = next({ dev: false, dir: import.meta.dirname, hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    req.headers["x-trb-client-address"] = clientAddress(req);
    return handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, host, () => {
    if (cluster.isPrimary) console.log(`> Ready on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
