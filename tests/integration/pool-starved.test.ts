// With every pooled connection taken, a request waits DATABASE_POOL_TIMEOUT_MS for one and then
// answers 503 (try again) instead of queueing without end: the API, server actions and the
// sign-in form alike. Nothing is mocked but the session lookup of the server action.
import { describe, expect, it, vi } from "vitest";
import type { PoolClient } from "pg";

vi.hoisted(() => {
  process.env.DATABASE_POOL_SIZE = "3";
  process.env.DATABASE_POOL_TIMEOUT_MS = "400";
});

const { db } = await import("@/lib/db");
const { signInForForm, SIGN_IN_BUSY } = await import("@/lib/auth/sign-in");
const { GET: meRoute } = await import("@/app/api/v1/me/route");
const { updateProfileAction } = await import("@/lib/actions/profile");
const { call } = await import("../support/api");
const { TEST_PASSWORD, makeToken, makeUser } = await import("../support/factories");

let session: Awaited<ReturnType<typeof makeUser>> | null = null;
vi.mock("@/lib/auth/session", () => ({ sessionActor: async () => session }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

async function starved<T>(fn: () => Promise<T>): Promise<T> {
  const held: PoolClient[] = [];
  for (let i = 0; i < 3; i++) held.push(await db.pool.connect());
  try {
    return await fn();
  } finally {
    for (const c of held) c.release();
  }
}

describe("a starved connection pool", () => {
  it("fails fast with 503 in the API, server actions and sign-in, and recovers", async () => {
    const user = await makeUser();
    const token = await makeToken(user);
    session = user;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const started = Date.now();
      const api = await starved(() => call(meRoute, { token }));
      expect(api.status).toBe(503);
      expect(api.json.error).toEqual({ code: "unavailable", message: "The server is busy or its database is unreachable. Try again in a few seconds." });
      expect(api.headers.get("retry-after")).toBe("5");
      expect(Date.now() - started).toBeLessThan(5000);

      const action = await starved(() => updateProfileAction({ name: "Renamed" }));
      expect(action).toMatchObject({ ok: false, error: { status: 503, code: "unavailable" } });

      const signIn = await starved(() => signInForForm(user.email, TEST_PASSWORD, "198.51.100.40"));
      expect(signIn).toEqual({ ok: false, code: "busy", message: SIGN_IN_BUSY });
      // Logged for the operator as a warning, not as an error.
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("timeout exceeded when trying to connect"));
    } finally {
      warn.mockRestore();
    }
    // Connections back: everything answers again.
    expect((await call(meRoute, { token })).status).toBe(200);
    expect(await updateProfileAction({ name: "Renamed" })).toMatchObject({ ok: true });
    expect(await signInForForm(user.email, TEST_PASSWORD, "198.51.100.40")).toMatchObject({ ok: true });
  });
});
