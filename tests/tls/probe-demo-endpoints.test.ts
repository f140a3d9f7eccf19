import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMany, type ProbeResult } from "@/lib/tls-probe";
import { startDemoEndpoints, type EndpointSet } from "@/lib/tls-probe/testing/endpoints";
import { LOOPBACK_POLICY } from "@/tests/support/tls-servers";

// The demo starts these endpoints for the app to probe; each must show what its name promises.
let set: EndpointSet;
let results: Map<string, ProbeResult>;
beforeAll(async () => {
  set = await startDemoEndpoints();
  const all = await probeMany(
    set.endpoints.map((e) => e.target),
    { policy: LOOPBACK_POLICY, caBundle: set.caPem, timeoutMs: 1500 },
  );
  results = new Map(set.endpoints.map((e, i) => [e.name, all[i]]));
});
afterAll(async () => {
  await set.close();
});

const supported = (r: ProbeResult) => Object.entries(r.protocols).filter(([, p]) => p.supported).map(([v]) => v);

describe("demo endpoints", () => {
  it("show what their names promise", () => {
    const get = (name: string) => results.get(name)!;
    expect(supported(get("legacy-tls10-only"))).toEqual(["TLSv1"]);
    expect(get("legacy-tls10-only").floorCheck.meetsFloor).toBe(false);
    expect(supported(get("legacy-tls10-12"))).toEqual(["TLSv1", "TLSv1.1", "TLSv1.2"]);
    expect(get("legacy-tls10-12").floorCheck).toMatchObject({ meetsFloor: true, acceptsBelowFloor: true });
    expect(supported(get("tls11-only"))).toEqual(["TLSv1.1"]);
    expect(supported(get("modern-tls12-13"))).toEqual(["TLSv1.2", "TLSv1.3"]);
    expect(supported(get("tls13-only"))).toEqual(["TLSv1.3"]);
    expect(get("modern-tls12-13").certificate).toMatchObject({ trusted: true, hostnameMatches: true, expired: false });
    expect(get("expired-cert").certificate?.expired).toBe(true);
    expect(get("self-signed").certificate).toMatchObject({ selfSigned: true, trusted: false });
    expect(get("wrong-name").certificate?.hostnameMatches).toBe(false);
    expect(supported(get("smtp-starttls"))).toEqual(["TLSv1", "TLSv1.1", "TLSv1.2"]);
    expect(get("smtp-no-starttls").error?.kind).toBe("starttls_failed");
    expect(get("tarpit").error?.kind).toBe("timeout");
    expect(get("plain-http").error?.kind).toBe("not_tls");
  });
});

describe("serve.ts", () => {
  it("prints the endpoints as one JSON line and stops when its stdin closes", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/tls-probe/testing/serve.ts", "--preset", "bench", "--count", "2"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
    });
    const line = await new Promise<string>((resolve) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(out.split("\n")[0]);
      });
    });
    const info = JSON.parse(line);
    expect(info.endpoints).toHaveLength(2);
    expect(info.endpoints[0].target).toMatchObject({ host: "127.0.0.1", port: expect.any(Number) });
    expect(info.caPem).toContain("BEGIN CERTIFICATE");
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
  });
});
