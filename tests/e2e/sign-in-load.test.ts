// The production server behind a proxy (TRUST_PROXY): failing sign-ins from many addresses at
// once, so the per-address limit never steps in, while a signed-in reader keeps using the API.
// With a small pool and a short pool timeout, a reader starved of connections would get 503s:
// sign-ins must wait and hash without holding the connections the rest of the app needs.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { freePort } from "@/scripts/lib/database";
import { startNextServer, waitForHealth, type Started } from "@/scripts/lib/app-process";
import { dbQuery } from "./fixtures";

let server: Started;
let base = "";
let output = "";

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startNextServer(
    ".next-test",
    port,
    {
      DATABASE_URL: inject("databaseUrl"),
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
      NEXTAUTH_URL: base,
      TRUST_PROXY: "true",
      WEB_CONCURRENCY: "1",
      DATABASE_POOL_SIZE: "4",
      DATABASE_POOL_TIMEOUT_MS: "1000",
    },
    { echo: false },
  );
  server.child.stdout?.on("data", (d) => (output += d));
  server.child.stderr?.on("data", (d) => (output += d));
  await waitForHealth(base, server.child);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** A bearer token for an existing demo user, stored as the app stores them (hashed). */
async function tokenFor(email: string): Promise<string> {
  const secret = `trb_${randomBytes(24).toString("base64url")}`;
  await dbQuery(
    `INSERT INTO api_tokens (name, token_hash, prefix, user_id, created_at) SELECT $1, $2, $3, id, now() FROM users WHERE email = $4`,
    [`load-${randomBytes(3).toString("hex")}`, createHash("sha256").update(secret).digest("hex"), secret.slice(0, 10), email],
  );
  return secret;
}

async function csrf(): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${base}/api/auth/csrf`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { token: (await res.json()).csrfToken, cookie };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];

describe("sign-in under attack from many addresses", () => {
  it("keeps a signed-in reader's requests answering", async () => {
    const victim = `victim-${randomBytes(3).toString("hex")}@example.test`;
    await dbQuery(`INSERT INTO users (email, name, role, password_hash, updated_at) VALUES ($1, 'Victim', 'ADMIN', $2, now())`, [victim, await hashPassword("the-real-password-1")]);
    const reader = await tokenFor("manager@demo.test");
    const { token, cookie } = await csrf();

    let attacking = true;
    const readerStatuses: number[] = [];
    const readerMs: number[] = [];
    const readerLoop = (async () => {
      while (attacking) {
        const started = performance.now();
        const res = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${reader}` } });
        await res.arrayBuffer();
        readerStatuses.push(res.status);
        readerMs.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    // 240 failing attempts, 40 at a time, each from its own address: half on the admin account,
    // half on accounts that do not exist.
    const attemptStatuses: number[] = [];
    const answers: string[] = [];
    let next = 0;
    const attacker = async () => {
      while (next < 240) {
        const i = next++;
        const res = await fetch(`${base}/api/auth/callback/credentials`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": `198.18.${i >> 8}.${i & 255}` },
          body: new URLSearchParams({ csrfToken: token, email: i % 2 ? victim : `nobody-${i}@example.test`, password: `guess-${i}`, json: "true" }),
          redirect: "manual",
        });
        attemptStatuses.push(res.status);
        const body = (await res.json().catch(() => null)) as { url?: string } | null;
        answers.push((body?.url && new URL(body.url, base).searchParams.get("error")) || `status ${res.status}`);
      }
    };
    await Promise.all(Array.from({ length: 40 }, attacker));
    attacking = false;
    await readerLoop;

    console.log(
      `reader: ${readerStatuses.length} requests, median ${percentile(readerMs, 50).toFixed(0)} ms, p95 ${percentile(readerMs, 95).toFixed(0)} ms; ` +
        `answers: ${JSON.stringify(Object.fromEntries([...new Set(answers)].map((a) => [a, answers.filter((x) => x === a).length])))}`,
    );
    expect(attemptStatuses).toHaveLength(240);
    expect(attemptStatuses.filter((s) => s >= 500), "no sign-in attempt failed on the server").toEqual([]);
    // Each was told its password was wrong, or (when the queue was long) to try again shortly.
    expect(answers.filter((a) => a !== "Wrong email or password." && a !== "The server is busy. Wait a few seconds and sign in again.")).toEqual([]);
    expect(readerStatuses.length).toBeGreaterThan(5);
    expect(readerStatuses.filter((s) => s !== 200), "every reader request answered").toEqual([]);
    expect(output).not.toMatch(/timeout exceeded when trying to connect/);

    // Failures from many addresses only slowed the account down: its owner still gets in.
    const fresh = await csrf();
    const owner = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: fresh.cookie, "x-forwarded-for": "198.18.200.1" },
      body: new URLSearchParams({ csrfToken: fresh.token, email: victim, password: "the-real-password-1", json: "true" }),
      redirect: "manual",
    });
    expect(owner.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="))).toBe(true);
    // Every attempt is in the audit log with the address it came from.
    const [{ n }] = await dbQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign_in_failed' AND after->>'address' LIKE '198.18.%'`);
    expect(n).toBe(answers.filter((a) => a === "Wrong email or password.").length);
  }, 240_000);

  it("sends HSTS when the trusted proxy says the browser came over HTTPS, and only then", async () => {
    const https = await fetch(`${base}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    const plain = await fetch(`${base}/login`, { headers: { "x-forwarded-proto": "http" } });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    // Without TRUST_PROXY the header is the client's own claim, and is not believed.
    const untrusted = await fetch(`${inject("baseUrl")}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(untrusted.headers.get("strict-transport-security")).toBeNull();
  });
});
