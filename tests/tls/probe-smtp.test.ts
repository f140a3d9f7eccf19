import { afterEach, describe, expect, it } from "vitest";
import { probeTarget } from "@/lib/tls-probe";
import { LOOPBACK_POLICY, startSmtpServer, startTcpServer, startTlsServer, type RunningServer } from "@/tests/support/tls-servers";

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
const track = <T extends RunningServer>(s: T): T => {
  running.push(s);
  return s;
};

describe("STARTTLS smtp", () => {
  it("speaks SMTP, upgrades, and reports the versions and certificate behind STARTTLS", async () => {
    const server = track(await startSmtpServer({ tls: { minVersion: "TLSv1", maxVersion: "TLSv1.2", keyType: "rsa" } }));
    const r = await probeTarget({ host: "localhost", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY });
    expect(r.error).toBeNull();
    expect(r.target.starttls).toBe("smtp");
    expect(Object.fromEntries(Object.entries(r.protocols).map(([v, p]) => [v, p.supported]))).toEqual({
      TLSv1: true,
      "TLSv1.1": true,
      "TLSv1.2": true,
      "TLSv1.3": false,
    });
    expect(r.certificate).toMatchObject({ keyType: "RSA", hostnameMatches: true });
    expect(r.floorCheck).toEqual({ floor: "TLSv1.1", meetsFloor: true, acceptsBelowFloor: true });
    // Each version attempt repeats the dialogue on its own connection.
    expect(server.acceptedConnections()).toBeGreaterThanOrEqual(4);
    await server.waitForIdle();
  });

  it("agrees with a real handshake per version behind STARTTLS", async () => {
    const server = track(await startSmtpServer({ tls: { minVersion: "TLSv1.2", maxVersion: "TLSv1.3" } }));
    const auto = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY });
    const real = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY, method: "handshake" });
    expect(auto.protocols).toEqual(real.protocols);
    expect(auto.protocols["TLSv1.3"].supported && auto.protocols["TLSv1.1"].supported === false).toBe(true);
  });

  it("is starttls_failed, quoting the server, when STARTTLS is not offered", async () => {
    const server = track(await startSmtpServer({ starttls: false }));
    const r = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY });
    expect(r.error?.kind).toBe("starttls_failed");
    expect(r.error?.message).toContain("does not offer STARTTLS");
    expect(r.error?.message).toContain("250-PIPELINING");
    expect(r.protocols.TLSv1).toEqual({ supported: false, reason: "not tested: starttls_failed" });
    await server.waitForIdle();
  });

  it("is starttls_failed, quoting the reply, when STARTTLS is refused", async () => {
    const server = track(await startSmtpServer({ starttlsReply: "454 4.7.0 TLS not available due to local problem" }));
    const r = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY });
    expect(r.error).toEqual({ kind: "starttls_failed", message: expect.stringContaining('refused STARTTLS: "454 4.7.0 TLS not available') });
  });

  it("is starttls_failed when the greeting is not 220", async () => {
    const server = track(await startSmtpServer({ greeting: "554 5.7.1 no service for you\r\n" }));
    const r = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY });
    expect(r.error).toEqual({ kind: "starttls_failed", message: expect.stringContaining('refused the SMTP session: "554 5.7.1 no service for you"') });
  });

  it("is starttls_failed when the service is not SMTP at all", async () => {
    const server = track(await startTcpServer({ behavior: "banner" }));
    const r = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY });
    expect(r.error).toEqual({ kind: "starttls_failed", message: expect.stringContaining('did not answer like an SMTP server while we waited for the SMTP greeting: "SSH-2.0') });
  });

  it("bounds the whole dialogue by the one timeout (an implicit-TLS port never greets)", async () => {
    const server = track(await startTlsServer());
    const started = Date.now();
    const r = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY, timeoutMs: 600 });
    const elapsed = Date.now() - started;
    expect(r.error?.kind).toBe("timeout");
    expect(r.error?.message).toContain("implicit-TLS port");
    expect(elapsed).toBeLessThanOrEqual(600 + 1000);
    await server.waitForIdle();
  });

  it("gives up on an endless multi-line greeting", async () => {
    const server = track(await startTcpServer({ behavior: "banner", banner: "220-hello\r\n".repeat(500) }));
    const r = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY });
    expect(r.error).toEqual({ kind: "starttls_failed", message: expect.stringContaining("sent more than 100 reply lines") });
  });

  it("bounds a server that greets and then stalls", async () => {
    const server = track(await startTcpServer({ behavior: "banner", banner: "220 stall.test ESMTP\r\n" }));
    const started = Date.now();
    const r = await probeTarget({ host: "127.0.0.1", port: server.port, starttls: "smtp" }, { policy: LOOPBACK_POLICY, timeoutMs: 600 });
    expect(Date.now() - started).toBeLessThanOrEqual(600 + 1000);
    expect(r.error).toEqual({ kind: "timeout", message: expect.stringContaining("while waiting for the EHLO reply") });
    await server.waitForIdle();
  });
});
