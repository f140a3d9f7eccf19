// Named sets of loopback endpoints, for the demo (one of each interesting kind) and the benchmark
// (several TLS 1.0-1.3 servers). Start them in-process with startEndpoints(), or in their own
// process with `npx tsx lib/tls-probe/testing/serve.ts` (see there).
import type { ProbeTarget } from "../types";
import { testCaPem } from "./certs";
import { startSmtpServer, startTcpServer, startTlsServer, type RunningServer } from "./servers";

export interface Endpoint {
  name: string;
  description: string;
  target: ProbeTarget;
  server: RunningServer;
}

export interface EndpointSet {
  endpoints: Endpoint[];
  /** PEM of the test root CA: the caBundle under which the "valid" endpoints are trusted. */
  caPem: string;
  close(): Promise<void>;
}

type Starter = () => Promise<{ name: string; description: string; server: RunningServer; target?: Partial<ProbeTarget> }>;

const DEMO: Starter[] = [
  async () => ({ name: "legacy-tls10-only", description: "TLS 1.0 only (breaks at the cutoff)", server: await startTlsServer({ minVersion: "TLSv1", maxVersion: "TLSv1", keyType: "rsa" }) }),
  async () => ({ name: "legacy-tls10-12", description: "TLS 1.0 to 1.2 (ready, but still accepts TLS 1.0)", server: await startTlsServer({ minVersion: "TLSv1", maxVersion: "TLSv1.2", keyType: "rsa" }) }),
  async () => ({ name: "tls11-only", description: "TLS 1.1 only", server: await startTlsServer({ minVersion: "TLSv1.1", maxVersion: "TLSv1.1" }) }),
  async () => ({ name: "modern-tls12-13", description: "TLS 1.2 and 1.3", server: await startTlsServer({ minVersion: "TLSv1.2", maxVersion: "TLSv1.3" }) }),
  async () => ({ name: "tls13-only", description: "TLS 1.3 only", server: await startTlsServer({ minVersion: "TLSv1.3", maxVersion: "TLSv1.3" }) }),
  async () => ({ name: "expired-cert", description: "TLS 1.2-1.3 with an expired certificate", server: await startTlsServer({ minVersion: "TLSv1.2", cert: "expired" }) }),
  async () => ({ name: "self-signed", description: "TLS 1.0-1.3 with a self-signed certificate", server: await startTlsServer({ cert: "self-signed" }) }),
  async () => ({ name: "wrong-name", description: "certificate for another host name", server: await startTlsServer({ minVersion: "TLSv1.2", cert: "mismatch" }) }),
  async () => ({
    name: "smtp-starttls",
    description: "SMTP relay with STARTTLS (TLS 1.0-1.2)",
    server: await startSmtpServer({ tls: { minVersion: "TLSv1", maxVersion: "TLSv1.2", keyType: "rsa" } }),
    target: { starttls: "smtp" },
  }),
  async () => ({ name: "smtp-no-starttls", description: "SMTP relay without STARTTLS", server: await startSmtpServer({ starttls: false }), target: { starttls: "smtp" } }),
  async () => ({ name: "tarpit", description: "accepts TCP, never answers", server: await startTcpServer({ behavior: "tarpit" }) }),
  async () => ({ name: "plain-http", description: "plain HTTP on a TLS port", server: await startTcpServer({ behavior: "http" }) }),
];

async function start(starters: Starter[]): Promise<EndpointSet> {
  const started = await Promise.all(starters.map((s) => s()));
  const endpoints = started.map(({ name, description, server, target }) => ({
    name,
    description,
    server,
    target: { host: server.host, port: server.port, starttls: "none" as const, ...target },
  }));
  return {
    endpoints,
    caPem: await testCaPem(),
    close: async () => {
      await Promise.all(endpoints.map((e) => e.server.close()));
    },
  };
}

/** One endpoint of each kind the product must explain (legacy-only, modern, bad certificates, SMTP, faults). */
export function startDemoEndpoints(): Promise<EndpointSet> {
  return start(DEMO);
}

/** `count` identical TLS 1.0-1.3 servers (ECDSA, so the servers' CPU is not the bottleneck). */
export function startBenchEndpoints(count = 6): Promise<EndpointSet> {
  return start(
    Array.from({ length: count }, (_, i) => async () => ({
      name: `bench-${i + 1}`,
      description: "TLS 1.0-1.3",
      server: await startTlsServer({ minVersion: "TLSv1", maxVersion: "TLSv1.3" }),
    })),
  );
}
