// The demo organisation's own endpoints: real TLS (and SMTP) servers on 127.0.0.1, on the fixed
// ports its inventory names, so probing the demo gives real results of every kind the product
// must explain. Their certificates come from a test CA that the demo trusts (PROBE_CA_BUNDLE).
import { startSmtpServer, startTcpServer, startTlsServer, type RunningServer } from "@/lib/tls-probe/testing/servers";
import { testCaPem } from "@/lib/tls-probe/testing/certs";
import { DEMO_ENDPOINT_PORTS as P } from "./demo-integrations";

export interface DemoEndpoints {
  caPem: string;
  servers: { name: string; port: number; description: string }[];
  close(): Promise<void>;
}

export async function startDemoEndpoints(): Promise<DemoEndpoints> {
  const specs: { name: string; description: string; start: () => Promise<RunningServer> }[] = [
    { name: "sso.demo.test", description: "TLS 1.0-1.3", start: () => startTlsServer({ port: P.sso, names: ["sso.demo.test"], minVersion: "TLSv1", maxVersion: "TLSv1.3", keyType: "rsa" }) },
    { name: "payments.demo.test", description: "TLS 1.2-1.3", start: () => startTlsServer({ port: P.payments, names: ["payments.demo.test"], minVersion: "TLSv1.2", maxVersion: "TLSv1.3" }) },
    { name: "rates.demo.test", description: "TLS 1.0 only", start: () => startTlsServer({ port: P.shippingRates, names: ["rates.demo.test"], minVersion: "TLSv1", maxVersion: "TLSv1", keyType: "rsa" }) },
    { name: "listener.demo.test", description: "TLS 1.1-1.2", start: () => startTlsServer({ port: P.outboundListener, names: ["listener.demo.test"], minVersion: "TLSv1.1", maxVersion: "TLSv1.2", keyType: "rsa" }) },
    { name: "geo.demo.test", description: "TLS 1.2, expired certificate", start: () => startTlsServer({ port: P.addressVerify, names: ["geo.demo.test"], minVersion: "TLSv1.2", maxVersion: "TLSv1.2", cert: "expired" }) },
    { name: "payroll.demo.test", description: "accepts TCP, never answers", start: () => startTcpServer({ port: P.legacyHr, behavior: "tarpit" }) },
    {
      name: "mail.demo.test",
      description: "SMTP with STARTTLS, TLS 1.0-1.2",
      start: () => startSmtpServer({ port: P.relay, tls: { names: ["mail.demo.test"], minVersion: "TLSv1", maxVersion: "TLSv1.2", keyType: "rsa" } }),
    },
    {
      name: "relay.mailblast.demo.test",
      description: "SMTP with STARTTLS, TLS 1.0 only",
      start: () => startSmtpServer({ port: P.marketingRelay, tls: { names: ["relay.mailblast.demo.test"], minVersion: "TLSv1", maxVersion: "TLSv1", keyType: "rsa" } }),
    },
    { name: "idp.demo.test", description: "TLS 1.2-1.3, self-signed certificate", start: () => startTlsServer({ port: P.communitySso, names: ["idp.demo.test"], minVersion: "TLSv1.2", cert: "self-signed" }) },
  ];
  const started: RunningServer[] = [];
  try {
    for (const spec of specs) started.push(await spec.start());
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    const e = err as NodeJS.ErrnoException;
    throw new Error(
      e.code === "EADDRINUSE"
        ? `A demo endpoint port is taken (${e.message}). The demo needs ports ${Object.values(P).join(", ")} on 127.0.0.1: stop whatever holds them (another demo?).`
        : e.message,
    );
  }
  return {
    caPem: await testCaPem(),
    servers: specs.map((s, i) => ({ name: s.name, port: started[i].port, description: s.description })),
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
