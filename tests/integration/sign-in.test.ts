import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInWithPassword, WRONG_CREDENTIALS } from "@/lib/auth/sign-in";
import { checkThrottle } from "@/lib/auth/throttle";
import { loadActor } from "@/lib/auth/actor";
import { TEST_PASSWORD, makeUser, unique } from "../support/factories";

// The throttle's numbers are written out here on purpose (not imported): a change to them must
// be a deliberate change to this file too. Window 15 minutes; a refusal after 8 failures of one
// account from one address, or 30 failures from one address; slowed from the 3rd failure of an
// account, doubling from 250 ms up to 4 s.
const WINDOW_MS = 15 * 60_000;
const PER_ACCOUNT_AND_ADDRESS = 8;
const PER_ADDRESS = 30;

let octet = 0;
/** A fresh documentation address per call (198.51.100.0/24, then 203.0.113.0/24). */
const ip = () => {
  octet += 1;
  return octet <= 250 ? `198.51.100.${octet}` : `203.0.113.${octet - 250}`;
};

describe("password sign-in", () => {
  it("accepts the right password, any letter case in the email", async () => {
    const user = await makeUser({ role: "MANAGER" });
    const result = await signInWithPassword(user.email.toUpperCase(), TEST_PASSWORD, ip());
    expect(result).toMatchObject({ ok: true, user: { id: user.id, email: user.email } });
  });

  it("gives one message for a wrong password and an unknown account", async () => {
    const user = await makeUser();
    const wrong = await signInWithPassword(user.email, "not-the-password", ip());
    const unknown = await signInWithPassword(`${unique("nobody")}@example.test`, TEST_PASSWORD, ip());
    expect(wrong).toEqual({ ok: false, code: "invalid", message: WRONG_CREDENTIALS });
    expect(unknown).toEqual({ ok: false, code: "invalid", message: WRONG_CREDENTIALS });
  });

  it("records the last successful sign-in, and only a successful one", async () => {
    const user = await makeUser();
    const lastSignIn = async () => (await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true } })).lastSignInAt;
    expect(await lastSignIn()).toBeNull();
    await signInWithPassword(user.email, "not-the-password", ip());
    expect(await lastSignIn()).toBeNull();
    const before = Date.now();
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
    const first = await lastSignIn();
    expect(first?.getTime()).toBeGreaterThanOrEqual(before - 1000);
    await signInWithPassword(user.email, "wrong-again", ip());
    expect(await lastSignIn()).toEqual(first);
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await makeUser({ disabled: true });
    const result = await signInWithPassword(user.email, TEST_PASSWORD, ip());
    expect(result).toMatchObject({ ok: false, code: "disabled" });
  });

  it("refuses an invited user who has no password yet", async () => {
    const user = await makeUser({ withPassword: false });
    expect(await signInWithPassword(user.email, "", ip())).toMatchObject({ ok: false, code: "invalid" });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: false, code: "invalid" });
  });

  it("writes every sign-in, good or bad, to the audit log with its address", async () => {
    const user = await makeUser();
    await signInWithPassword(user.email, "not-the-password", "198.51.100.77");
    await signInWithPassword(user.email, TEST_PASSWORD, "2001:db8::77");
    await signInWithPassword(`${unique("ghost")}@example.test`, "whatever-it-is", "198.51.100.78");
    const entries = await db.auditLog.findMany({ where: { entityId: user.id, action: { startsWith: "auth." } }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.action, e.actorId, e.after])).toEqual([
      ["auth.sign_in_failed", null, { address: "198.51.100.77", method: "password", reason: "wrong_password" }],
      ["auth.sign_in", user.id, { address: "2001:db8::77", method: "password" }],
    ]);
    expect(entries[1].summary).toBe("Signed in (password) from 2001:db8::77");
    const unknown = await db.auditLog.findFirstOrThrow({ where: { action: "auth.sign_in_failed", actorLabel: "198.51.100.78" } });
    expect(unknown).toMatchObject({ entityId: "unknown", after: { reason: "unknown_account" } });
    // The typed email of an unknown account is not kept (people type passwords into it).
    expect(JSON.stringify({ ...unknown, id: String(unknown.id) })).not.toContain("ghost");
  });
});

describe("sign-in throttling", () => {
  it("refuses an account from one address after 8 failures, even the right password, but not from elsewhere", async () => {
    const user = await makeUser();
    const address = ip();
    for (let i = 0; i < PER_ACCOUNT_AND_ADDRESS; i++) {
      expect(await signInWithPassword(user.email, `wrong-${i}`, address), `failure ${i + 1}`).toMatchObject({ ok: false, code: "invalid" });
    }
    const locked = await signInWithPassword(user.email, TEST_PASSWORD, address);
    expect(locked).toEqual({ ok: false, code: "throttled", message: "Too many failed sign-ins. Try again in 15 minutes." });
    // Nobody can lock an account out from elsewhere: another address still gets in.
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
  }, 60_000);

  it("only slows an account down when the failures come from many addresses", async () => {
    const user = await makeUser();
    // The delay the next attempt waits, after n failures of the account from anywhere.
    const expected = [0, 0, 0, 250, 500, 1000, 2000, 4000, 4000];
    for (let n = 0; n < expected.length; n++) {
      expect(await checkThrottle(user.email, ip()), `after ${n} failures`).toEqual({ refused: false, delayMs: expected[n] });
      const started = performance.now();
      expect(await signInWithPassword(user.email, `wrong-${n}`, ip())).toMatchObject({ ok: false, code: "invalid" });
      // A delay is never shorter than asked.
      expect(performance.now() - started).toBeGreaterThanOrEqual(expected[n] - 5);
    }
    // Nine failures from nine addresses: the owner is slowed, never refused.
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
  }, 90_000);

  it("counts a burst of parallel guesses from one address one by one", async () => {
    const user = await makeUser();
    const address = ip();
    const results = await Promise.all(Array.from({ length: 14 }, (_, i) => signInWithPassword(user.email, `guess-${i}`, address)));
    const codes = results.map((r) => (r.ok ? "ok" : r.code));
    expect(codes.filter((c) => c === "invalid")).toHaveLength(8);
    expect(codes.filter((c) => c === "throttled")).toHaveLength(6);
  }, 60_000);

  it("refuses an address after 30 failures across accounts, and not before", async () => {
    const address = ip();
    for (let i = 0; i < PER_ADDRESS - 1; i++) {
      expect(await signInWithPassword(`${unique("spray")}@example.test`, "password-1234", address)).toMatchObject({ code: "invalid" });
    }
    const user = await makeUser();
    expect(await signInWithPassword(user.email, TEST_PASSWORD, address), "the 30th attempt").toMatchObject({ ok: true });
    expect(await signInWithPassword(`${unique("spray")}@example.test`, "password-1234", address)).toMatchObject({ code: "invalid" });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, address), "after 30 failures").toMatchObject({ code: "throttled" });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
  }, 60_000);

  it("counts IPv6 addresses per /64", async () => {
    const user = await makeUser();
    for (let i = 1; i <= PER_ACCOUNT_AND_ADDRESS; i++) {
      expect(await signInWithPassword(user.email, `wrong-${i}`, `2001:db8:7:7::${i.toString(16)}`)).toMatchObject({ code: "invalid" });
    }
    expect(await signInWithPassword(user.email, TEST_PASSWORD, "2001:db8:7:7:ffff:ffff:ffff:ffff")).toMatchObject({ code: "throttled" });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, "2001:db8:7:8::1")).toMatchObject({ ok: true });
  }, 60_000);

  it("forgets failures once they leave the 15-minute window", async () => {
    const user = await makeUser();
    const address = "198.51.100.250";
    const failures = (at: Date) => Array.from({ length: PER_ACCOUNT_AND_ADDRESS }, () => ({ key: `email+ip:${user.email} ${address}`, at }));
    await db.signInFailure.createMany({ data: failures(new Date(Date.now() - WINDOW_MS + 5_000)) });
    const inside = await signInWithPassword(user.email, TEST_PASSWORD, address);
    expect(inside).toMatchObject({ code: "throttled" });
    expect(inside.ok === false && inside.message).toBe("Too many failed sign-ins. Try again in 1 minute.");
    await db.signInFailure.updateMany({ where: { key: `email+ip:${user.email} ${address}` }, data: { at: new Date(Date.now() - WINDOW_MS - 1000) } });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, address)).toMatchObject({ ok: true });
  });

  it("clears the account's count after a successful sign-in", async () => {
    const user = await makeUser();
    const address = ip();
    for (let i = 0; i < 7; i++) await signInWithPassword(user.email, "wrong", address);
    expect(await signInWithPassword(user.email, TEST_PASSWORD, address)).toMatchObject({ ok: true });
    expect(await checkThrottle(user.email, address)).toEqual({ refused: false, delayMs: 0 });
    // Seven more failures from the same address are allowed again before the refusal.
    for (let i = 0; i < 7; i++) expect(await signInWithPassword(user.email, "wrong", address)).toMatchObject({ code: "invalid" });
  }, 60_000);

  it("waits for another process's turn on the account without holding a database connection", async () => {
    const user = await makeUser();
    // Another process is in the middle of this account's attempt: it holds the account's lock.
    const other = await db.pool.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`sign-in:email:${user.email}`]);
      const attempt = signInWithPassword(user.email, TEST_PASSWORD, ip());
      await new Promise((r) => setTimeout(r, 300));
      // Nothing of ours is queued on the lock inside Postgres (a try-lock, retried from memory).
      const waiting = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
      expect(Number(waiting[0].n)).toBe(0);
      await other.query("COMMIT");
      expect(await attempt).toMatchObject({ ok: true });
    } finally {
      other.release();
    }
  });
});

describe("one-time passwords", () => {
  it("stop working after a week", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true, inviteExpiresAt: new Date(Date.now() - 1000) } });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: false, code: "expired", message: expect.stringContaining("Ask an admin") });
    await db.user.update({ where: { id: user.id }, data: { inviteExpiresAt: new Date(Date.now() + 86_400_000) } });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
  });
});

describe("sessions re-read the user", () => {
  it("follow a role change at once and end when the account is disabled or the password changes", async () => {
    const user = await makeUser({ role: "ADMIN" });
    expect((await loadActor(user.id, "session", 0))?.role).toBe("ADMIN");
    await db.user.update({ where: { id: user.id }, data: { role: "MEMBER" } });
    expect((await loadActor(user.id, "session", 0))?.role).toBe("MEMBER");
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadActor(user.id, "session", 0)).toBeNull();
    expect(await loadActor(user.id, "session", 1)).not.toBeNull();
    await db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect(await loadActor(user.id, "session", 1)).toBeNull();
  });
});
