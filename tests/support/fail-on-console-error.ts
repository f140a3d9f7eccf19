import { afterEach, beforeEach, expect, vi } from "vitest";

// A test that logs console.error is hiding a failure: make it fail instead.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  expect(errors, "console.error was called during the test").toEqual([]);
});

/**
 * For a test whose subject is meant to log an error (a retry while the database is away): takes
 * the errors logged so far, so the test can assert on them instead of failing.
 */
export function takeConsoleErrors(): string[] {
  const taken = errors.map((args) => args.map(String).join(" "));
  errors = [];
  return taken;
}
