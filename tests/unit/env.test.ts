import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const GOOD_SECRET = "Zq7pK2mW9vX4rT8yB1nC6hJ3dF5gL0sA";
const base = { DATABASE_URL: "postgresql://app@db.example.com:5432/readiness", NEXTAUTH_SECRET: GOOD_SECRET };

function problems(vars: Record<string, string | undefined>, web = false): string {
  try {
    parseEnv({ ...base, ...vars }, { web });
    return "";
  } catch (err) {
    return (err as Error).message;
  }
}

describe("the settings", () => {
  it("have working defaults", () => {
    expect(parseEnv(base)).toMatchObject({ PORT: 3000, HOST: "0.0.0.0", TRUST_PROXY: false, TRUST_PROXY_HOPS: 1, DATABASE_POOL_SIZE: 10, DATABASE_POOL_TIMEOUT_MS: 5000, WORKER_CONCURRENCY: 64 });
    expect(parseEnv({ ...base, PORT: "8080", WEB_CONCURRENCY: "3", TRUST_PROXY: "true", TRUST_PROXY_HOPS: "2", DATABASE_POOL_SIZE: "25" })).toMatchObject({
      PORT: 8080,
      WEB_CONCURRENCY: 3,
      TRUST_PROXY: true,
      TRUST_PROXY_HOPS: 2,
      DATABASE_POOL_SIZE: 25,
    });
    // An empty value counts as unset.
    expect(parseEnv({ ...base, PORT: "", WEB_CONCURRENCY: "" })).toMatchObject({ PORT: 3000, WEB_CONCURRENCY: undefined });
  });

  for (const name of ["PORT", "WEB_CONCURRENCY", "TRUST_PROXY_HOPS", "DATABASE_POOL_SIZE", "DATABASE_POOL_TIMEOUT_MS", "WORKER_CONCURRENCY", "QUEUE_JOB_EXPIRE_SECONDS"]) {
    it(`stop with the name of a bad ${name}`, () => {
      for (const bad of ["abc", "1e3", "-1", "2.5", "0x10", " 12 apples"]) {
        expect(problems({ [name]: bad }), `${name}=${bad}`).toMatch(new RegExp(`^Invalid configuration:\\n  ${name} must be a whole number`));
      }
      expect(problems({ [name]: "0" })).toMatch(new RegExp(`  ${name} must be at least`));
    });
  }

  it("name every bad variable at once", () => {
    expect(problems({ PORT: "70000", TRUST_PROXY: "yes", DATABASE_URL: "mysql://x" }).split("\n")).toEqual([
      "Invalid configuration:",
      "  DATABASE_URL must be a postgresql:// URL",
      "  PORT must be at most 65535",
      "  TRUST_PROXY must be true or false",
    ]);
  });

  it("refuse the example session secret whatever NODE_ENV says", () => {
    for (const NODE_ENV of [undefined, "production", "development", "test"]) {
      for (const secret of ["change-me-for-production-this-is-only-for-development", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "an-example-secret-that-is-long-enough-0123"]) {
        expect(problems({ NODE_ENV, NEXTAUTH_SECRET: secret }), `${NODE_ENV} ${secret}`).toMatch(/NEXTAUTH_SECRET is the example value or too simple/);
      }
    }
    expect(problems({ NEXTAUTH_SECRET: "short" })).toMatch(/NEXTAUTH_SECRET must be at least 32 characters/);
  });

  it("require a secret for a web process, in any NODE_ENV, and not for the worker", () => {
    for (const NODE_ENV of [undefined, "production", "development"]) {
      expect(problems({ NODE_ENV, NEXTAUTH_SECRET: undefined }, true)).toMatch(/NEXTAUTH_SECRET is not set/);
    }
    expect(problems({ NEXTAUTH_SECRET: undefined })).toBe("");
  });
});
