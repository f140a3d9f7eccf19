import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, startSmtpServer, startTcpServer, startTlsServer, testCaPem, type RunningServer } from "@/tests/support/tls-servers";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "probe-cli-"));

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The same command `npm run probe` runs, without npm's own start-up cost.
    const child = spawn(process.execPath, ["scripts/probe-cli.mjs", ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let tlsServer: RunningServer;
let legacy: RunningServer;
let smtp: RunningServer;
let tarpit: RunningServer;
beforeAll(async () => {
  [tlsServer, legacy, smtp, tarpit] = await Promise.all([
    startTlsServer({ minVersion: "TLSv1.2" }),
    startTlsServer({ minVersion: "TLSv1", maxVersion: "TLSv1", keyType: "rsa" }),
    startSmtpServer(),
    startTcpServer({ behavior: "tarpit" }),
  ]);
});
afterAll(async () => {
  await Promise.all([tlsServer, legacy, smtp, tarpit].map((s) => s.close()));
});

describe("probe CLI", () => {
  it("prints the result as JSON in the shape issue #4 made a contract (the floor check under \"verdict\")", async () => {
    const { code, stdout } = await cli([`localhost:${tlsServer.port}`, "--allow-private", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(Object.keys(r)).toEqual(["target", "protocols", "certificate", "error", "verdict", "timings", "durationMs", "startedAt"]);
    expect(Object.keys(r.target)).toEqual(["host", "port", "sni", "address", "starttls"]);
    expect(r.target).toEqual({ host: "localhost", port: tlsServer.port, sni: "localhost", address: "127.0.0.1", starttls: "none" });
    expect(Object.keys(r.protocols)).toEqual(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]);
    expect(r.protocols["TLSv1.2"]).toEqual({ supported: true, cipher: expect.any(String) });
    expect(r.protocols.TLSv1).toEqual({ supported: false, reason: expect.any(String) });
    expect(Object.keys(r.certificate).sort()).toEqual(
      [
        "subject", "issuer", "sans", "notBefore", "notAfter", "expired", "notYetValid", "selfSigned", "trusted",
        "hostnameMatches", "chainComplete", "keyType", "keyBits", "signatureAlgorithm", "chainLength", "fingerprintSha256",
      ].sort(),
    );
    expect(r.error).toBeNull();
    expect(r.verdict).toEqual({ floor: "TLSv1.1", meetsFloor: true, acceptsBelowFloor: false });
    expect(Object.keys(r.timings)).toEqual(["dnsMs", "perVersion", "certificateMs"]);
    expect(Object.keys(r.timings.perVersion)).toEqual(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]);
    expect(typeof r.durationMs).toBe("number");
    expect(new Date(r.startedAt).toISOString()).toBe(r.startedAt);
  });

  it("prints a readable table by default", async () => {
    const { code, stdout } = await cli([`127.0.0.1:${legacy.port}`, "--allow-private", "--floor", "TLSv1.1"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/TLS 1\.0 +✓ ECDHE-RSA-/);
    expect(stdout).toMatch(/TLS 1\.3 +✗ refused by the server/);
    expect(stdout).toContain("does NOT meet the TLS 1.1 floor");
    expect(stdout).toContain("still accepts TLS 1.0");
    expect(stdout).toContain("Subject");
  });

  it("trusts a CA bundle given with --ca, and probes SMTP with --starttls", async () => {
    const bundle = path.join(dir, "ca.pem");
    writeFileSync(bundle, await testCaPem());
    const { code, stdout } = await cli([`localhost:${smtp.port}`, "--starttls", "smtp", "--ca", bundle, "--allow-private", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.target.starttls).toBe("smtp");
    expect(r.certificate.trusted).toBe(true);
  });

  it("exits 0 with a classified result when the target cannot be reached, or is not allowed", async () => {
    const port = await closedPort();
    const refused = await cli([`127.0.0.1:${port}`, "--allow-private", "--json"]);
    expect(refused.code).toBe(0);
    expect(JSON.parse(refused.stdout).error.kind).toBe("refused");
    const blocked = await cli([`127.0.0.1:${port}`, "--json"]);
    expect(blocked.code).toBe(0);
    expect(JSON.parse(blocked.stdout).error.kind).toBe("blocked_by_policy");
    const viaEnv = await cli([`127.0.0.1:${tlsServer.port}`, "--json"], { PROBE_ALLOWED_RANGES: "10.0.0.0/8, 127.0.0.1/32" });
    expect(JSON.parse(viaEnv.stdout).error).toBeNull();
  });

  it.each([
    [["--bogus", "example.com"], /--bogus/],
    [["example.com:99999"], /port "99999"/],
    [["https://example.com/"], /looks like a URL/],
    [["example.com", "--floor", "TLSv9"], /--floor must be one of/],
    [["example.com", "--timeout", "soon"], /--timeout must be a positive whole number/],
    [["example.com", "--starttls", "pop3"], /--starttls must be "smtp"/],
    [["example.com", "--sni", "10.0.0.1"], /SNI name "10\.0\.0\.1" is an IP address/],
    [["example.com", "--ca", "/nonexistent/ca.pem"], /--ca \/nonexistent\/ca\.pem: cannot read it \(ENOENT\)/],
    [[], /no target given/],
    [["a.example", "b.example"], /one target at a time/],
    [["--file", "/nonexistent/targets.txt"], /--file \/nonexistent\/targets\.txt: cannot read it/],
    [["example.com", "--processes", "2"], /--concurrency and --processes only apply with --file/],
  ])("exits 2 naming the bad argument: %j", async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Usage:");
  });

  it("exits 2 on a bad PROBE_ALLOWED_RANGES and on a bad line in --file", async () => {
    const env = await cli(["example.com"], { PROBE_ALLOWED_RANGES: "10.0.0.0/8,not-a-range" });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/PROBE_ALLOWED_RANGES: "not-a-range" is not a CIDR range/);
    const file = path.join(dir, "bad.txt");
    writeFileSync(file, "example.com\nexample.com:443 colour=blue\n");
    const bad = await cli(["--file", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 2: unknown option "colour"/);
  });

  it("probes a --file of targets concurrently, one valid JSON object per line", async () => {
    const port = await closedPort();
    const file = path.join(dir, "targets.txt");
    writeFileSync(
      file,
      [
        "# endpoints to check",
        `127.0.0.1:${tlsServer.port}`,
        `localhost:${tlsServer.port} sni=localhost`,
        "",
        `127.0.0.1:${legacy.port}`,
        `127.0.0.1:${smtp.port} starttls=smtp`,
        `127.0.0.1:${tarpit.port}   # never answers`,
        `127.0.0.1:${port}`,
        `[::1]:${port}`,
        "no-such-host.invalid:443",
      ].join("\n"),
    );
    const { code, stdout, stderr } = await cli(["--file", file, "--allow-private", "--concurrency", "4", "--timeout", "1500"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(8);
    const results = lines.map((l) => JSON.parse(l));
    const kinds = Object.fromEntries(results.map((r) => [`${r.target.host}:${r.target.port}`, r.error?.kind ?? "ok"]));
    expect(kinds).toEqual({
      [`127.0.0.1:${tlsServer.port}`]: "ok",
      [`localhost:${tlsServer.port}`]: "ok",
      [`127.0.0.1:${legacy.port}`]: "ok",
      [`127.0.0.1:${smtp.port}`]: "ok",
      [`127.0.0.1:${tarpit.port}`]: "timeout",
      [`127.0.0.1:${port}`]: "refused",
      [`::1:${port}`]: "refused",
      "no-such-host.invalid:443": "dns",
    });
    // Each line has the same contract shape as --json.
    for (const r of results) expect(Object.keys(r)).toEqual(["target", "protocols", "certificate", "error", "verdict", "timings", "durationMs", "startedAt"]);
    // Printed as each finished: the tarpit (the slowest) is not ahead of the quick ones.
    expect(results.findIndex((r) => r.target.port === tarpit.port)).toBeGreaterThan(2);
  });

  it("spreads a --file run over several processes and still prints every result once, as whole lines", async () => {
    const file = path.join(dir, "many.txt");
    const lines = Array.from({ length: 12 }, (_, i) => `${i % 2 ? "localhost" : "127.0.0.1"}:${i % 3 ? tlsServer.port : legacy.port}`);
    writeFileSync(file, lines.join("\n"));
    const { code, stdout, stderr } = await cli(["--file", file, "--allow-private", "--processes", "3", "--concurrency", "6"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const results = stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(results).toHaveLength(12);
    expect(results.map((r) => `${r.target.host}:${r.target.port}`).sort()).toEqual([...lines].sort());
    expect(results.every((r) => r.error === null)).toBe(true);
  });

  it("--help prints the usage and exits 0, also through npm run", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--allow-private");
    const viaNpm = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn("npm", ["run", "--silent", "probe", "--", "--help"], { cwd: root });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("close", (c) => resolve({ code: c, out }));
    });
    expect(viaNpm.code).toBe(0);
    expect(viaNpm.out).toContain("Usage:");
  });
});
