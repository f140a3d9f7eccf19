// The probe bench's contestants other than the probe itself, and how their answers are read:
// sslscan (installed from Debian when missing and we are root) and bare Node tls.connect
// handshakes, one per version per target. Used by bench/probe.ts.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import tls from "node:tls";

export const VERSIONS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const;
export const SSLSCAN = "/usr/bin/sslscan";
// Protocol detection only: no cipher enumeration, certificate checks or vulnerability tests.
export const SSLSCAN_FLAGS = ["--no-colour", "--no-ciphersuites", "--no-check-certificate", "--no-heartbleed", "--no-renegotiation", "--no-compression", "--no-fallback", "--no-groups"];

/** Protocol set per target, as a string like "TLSv1,TLSv1.1,TLSv1.2,TLSv1.3", in file order. */
export function setsFromProbe(stdout: string, order: string[]): string[] {
  const byTarget = new Map<string, string[]>();
  for (const line of stdout.trim().split("\n")) {
    const r = JSON.parse(line);
    const key = `${r.target.host}:${r.target.port}`;
    const set = VERSIONS.filter((v) => r.protocols[v].supported).join(",") + (r.error ? ` (${r.error.kind})` : "");
    byTarget.set(key, [...(byTarget.get(key) ?? []), set]);
  }
  // Targets repeat host:port; results for one host:port are interchangeable, so take them in turn.
  return order.map((key) => byTarget.get(key)?.shift() ?? "missing");
}

export function setsFromSslscan(stdout: string): string[] {
  const names: Record<string, string> = { "TLSv1.0": "TLSv1", "TLSv1.1": "TLSv1.1", "TLSv1.2": "TLSv1.2", "TLSv1.3": "TLSv1.3" };
  return stdout
    .split(/Testing SSL server /)
    .slice(1)
    .map((block) => {
      const enabled = [...block.matchAll(/^(TLSv1\.[0-3]) +enabled/gm)].map((m) => names[m[1]]);
      return VERSIONS.filter((v) => enabled.includes(v)).join(",");
    });
}

export function sslscanAvailable(): { ok: true } | { ok: false; why: string } {
  if (existsSync(SSLSCAN)) return { ok: true };
  if (process.getuid?.() !== 0) return { ok: false, why: `${SSLSCAN} is missing and we are not root to apt-get install it` };
  try {
    execFileSync("apt-get", ["install", "-y", "sslscan"], { stdio: "ignore", timeout: 300_000 });
  } catch (err) {
    return { ok: false, why: `apt-get install -y sslscan failed: ${(err as Error).message.split("\n")[0]}` };
  }
  return existsSync(SSLSCAN) ? { ok: true } : { ok: false, why: "apt-get ran but /usr/bin/sslscan is still missing" };
}

/** Baseline (a): bare tls.connect, one handshake per version per target, `concurrency` targets in flight. */
export async function bareHandshakes(file: string, concurrency: number): Promise<{ handshakes: number; failures: number }> {
  const targets = readFileSync(file, "utf8").trim().split("\n").map((l) => {
    const i = l.lastIndexOf(":");
    return { host: l.slice(0, i), port: Number(l.slice(i + 1)) };
  });
  const contexts = Object.fromEntries(
    VERSIONS.map((v) => [v, tls.createSecureContext({ minVersion: v, maxVersion: v, ciphers: "DEFAULT@SECLEVEL=0" })]),
  );
  let next = 0;
  let handshakes = 0;
  let failures = 0;
  const one = (t: { host: string; port: number }, v: (typeof VERSIONS)[number]) =>
    new Promise<void>((resolve) => {
      const s = tls.connect({ host: t.host, port: t.port, secureContext: contexts[v], rejectUnauthorized: false }, () => {
        handshakes++;
        s.destroy();
        resolve();
      });
      s.on("error", () => {
        failures++;
        resolve();
      });
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < targets.length) {
        const t = targets[next++];
        await Promise.all(VERSIONS.map((v) => one(t, v)));
      }
    }),
  );
  return { handshakes, failures };
}
