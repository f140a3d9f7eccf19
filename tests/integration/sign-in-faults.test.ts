// A fault inside sign-in (here: a table the throttle needs is missing) must reach the form as a
// generic message, with the detail in the server's log, never as raw error text.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { SIGN_IN_FAILED, signInForForm } from "@/lib/auth/sign-in";
import { TEST_PASSWORD, makeUser } from "../support/factories";

describe("an unexpected error inside sign-in", () => {
  it("shows a generic message and logs the detail", async () => {
    const user = await makeUser();
    await db.$executeRawUnsafe(`ALTER TABLE sign_in_failures RENAME TO sign_in_failures_away`);
    const logged: string[] = [];
    // The logged detail is expected here: capture it instead of letting it fail the test.
    const failOnError = vi.mocked(console.error).getMockImplementation()!;
    vi.mocked(console.error).mockImplementation((line: unknown) => void logged.push(String(line)));
    try {
      const result = await signInForForm(user.email, TEST_PASSWORD, "198.51.100.3");
      expect(result).toEqual({ ok: false, code: "error", message: SIGN_IN_FAILED });
      expect(SIGN_IN_FAILED).toBe("Signing in failed on the server. Try again; if it keeps failing, tell an admin.");
      expect(result.ok === false && result.message).not.toMatch(/sign_in_failures|relation|prisma/i);
      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0])).toMatchObject({ level: "error", msg: "Password sign-in failed unexpectedly", error: expect.stringMatching(/sign_in_failures/) });
    } finally {
      vi.mocked(console.error).mockImplementation(failOnError);
      await db.$executeRawUnsafe(`ALTER TABLE sign_in_failures_away RENAME TO sign_in_failures`);
    }
    // Mended, it works again.
    expect(await signInForForm(user.email, TEST_PASSWORD, "198.51.100.3")).toMatchObject({ ok: true });
  });
});
