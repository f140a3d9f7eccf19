import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signInWithPassword, WRONG_CREDENTIALS } from "@/lib/auth/sign-in";
import { THROTTLE } from "@/lib/auth/throttle";
import { loadActor } from "@/lib/auth/actor";
import { TEST_PASSWORD, makeUser, unique } from "../support/factories";

const ip = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

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
});

describe("sign-in throttling", () => {
  it("slows repeated failures for one account down, then refuses even the right password", async () => {
    const user = await makeUser();
    const address = ip();
    let slowest = 0;
    for (let i = 0; i < THROTTLE.lockAfterPerAccount; i++) {
      const t = performance.now();
      const r = await signInWithPassword(user.email, `wrong-${i}`, address);
      slowest = Math.max(slowest, performance.now() - t);
      expect(r).toMatchObject({ ok: false, code: "invalid" });
    }
    // The later failures waited (a lower bound: a delay cannot be shorter than asked).
    expect(slowest).toBeGreaterThanOrEqual(1000);
    const locked = await signInWithPassword(user.email, TEST_PASSWORD, address);
    expect(locked).toMatchObject({ ok: false, code: "throttled" });
    expect(locked.ok === false && locked.message).toMatch(/Too many failed sign-ins\. Try again in \d+ minutes?\./);
    // From another address too: the account itself is protected.
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ code: "throttled" });
  }, 60_000);

  it("counts a burst of parallel guesses one by one", async () => {
    const user = await makeUser();
    const results = await Promise.all(Array.from({ length: 14 }, (_, i) => signInWithPassword(user.email, `guess-${i}`, ip())));
    const codes = results.map((r) => (r.ok ? "ok" : r.code));
    expect(codes.filter((c) => c === "invalid")).toHaveLength(THROTTLE.lockAfterPerAccount);
    expect(codes.filter((c) => c === "throttled")).toHaveLength(14 - THROTTLE.lockAfterPerAccount);
  }, 60_000);

  it("lets the account in again once the failures leave the window", async () => {
    const user = await makeUser();
    const old = new Date(Date.now() - THROTTLE.windowMs - 1000);
    await db.signInFailure.createMany({
      data: Array.from({ length: THROTTLE.lockAfterPerAccount }, () => ({ key: `email:${user.email}`, at: old })),
    });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
  });

  it("refuses an address that fails across many accounts", async () => {
    const address = ip();
    await db.signInFailure.createMany({
      data: Array.from({ length: THROTTLE.lockAfterPerAddress }, (_, i) => ({ key: `ip:${address}`, at: new Date(Date.now() - i * 1000) })),
    });
    const user = await makeUser();
    expect(await signInWithPassword(user.email, TEST_PASSWORD, address)).toMatchObject({ ok: false, code: "throttled" });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
  });

  it("clears the account's count after a successful sign-in", async () => {
    const user = await makeUser();
    for (let i = 0; i < 2; i++) await signInWithPassword(user.email, "wrong", ip());
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip())).toMatchObject({ ok: true });
    expect(await db.signInFailure.count({ where: { key: `email:${user.email}` } })).toBe(0);
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
