// The production web server: Next's request handler in one process per CPU (WEB_CONCURRENCY),
// sharing one port through Node's cluster module. Rendering a page is CPU work on one thread, so
// one process per core is what lets a server use the machine it runs on. `next start` is the same
// server with one process.
import cluster from "node:cluster";
import http from "node:http";
import nextEnv from "@next/env";
import next from "next";
import { tsImport } from "tsx/esm/api";

// Settings in .env files, read as Next reads them: this process needs PORT, WEB_CONCURRENCY and
// TRUST_PROXY before Next has started (in the cluster's primary, Next never starts at all).
nextEnv.loadEnvConfig(import.meta.dirname, false, { info: () => {}, error: (...args) => console.error(...args) });

/**
 * Every setting, checked by lib/env.ts (the one place that validates them) before anything starts:
 * a bad value stops the server here with the variable's name. The primary checks once and hands
 * the result to the processes it forks.
 */
async function settings() {
  if (!cluster.isPrimary && process.env.TRB_SERVER_SETTINGS) return JSON.parse(process.env.TRB_SERVER_SETTINGS);
  try {
    const { webEnv } = await tsImport("./lib/env.ts", import.meta.url);
    const e = webEnv();
    return { port: e.PORT, host: e.HOST, workers: e.webProcesses, trustProxy: e.TRUST_PROXY, proxyHops: e.TRUST_PROXY_HOPS };
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error("The server did not start: fix the settings above (environment or .env files; see README, Configuration).");
    process.exit(1);
  }
}
const config = await settings();
const { port, host, workers, trustProxy, proxyHops } = config;
// lib/auth/client-address.ts believes x-trb-client-address only when this server set it.
process.env.TRB_CLIENT_ADDRESS_HEADER = "1";

/** The entry the nearest trusted proxy appended to a list header (entries further left are the client's own claims). */
function trustedEntry(value) {
  const parts = String(value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return parts.length >= proxyHops ? parts[parts.length - proxyHops] : null;
}

/**
 * The client's address for sign-in throttling: the socket's peer, or behind trusted proxies the
 * address the nearest of them saw. Always overwrites whatever the request carried.
 */
function clientAddress(req) {
  return (trustProxy && trustedEntry(req.headers["x-forwarded-for"])) || req.socket.remoteAddress || "";
}

/** Whether the browser reached us over HTTPS: directly, or through a trusted proxy that says so. */
function overHttps(req) {
  return Boolean(req.socket.encrypted) || (trustProxy && trustedEntry(req.headers["x-forwarded-proto"])?.toLowerCase() === "https");
}

// Two years, subdomains included: once a browser has seen the app over HTTPS it never falls back
// to plain HTTP. Only sent over HTTPS, as the standard requires (and so plain-HTTP setups still work).
const HSTS = "max-age=63072000; includeSubDomains";

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  const fork = () => cluster.fork({ TRB_SERVER_SETTINGS: JSON.stringify(config) });
  for (let i = 0; i < workers; i++) fork();
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
    fork();
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
    if (overHttps(req)) res.setHeader("Strict-Transport-Security", HSTS);
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
