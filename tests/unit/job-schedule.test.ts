import { describe, expect, it } from "vitest";
import { latestSlot, nextSlot } from "@/lib/jobs/schedule";
import { coalesce } from "@/lib/jobs/coalesce";
import { isTransientDbError, retryTransient } from "@/lib/jobs/resilience";
import { takeConsoleErrors } from "../support/fail-on-console-error";

const at = (iso: string) => new Date(iso);

describe("schedule slots on the app's clock", () => {
  it("places daily slots at the offset past midnight, and the next one a day later", () => {
    const daily = { everyMinutes: 24 * 60, offsetMinutes: 3 * 60 + 15 };
    expect(latestSlot(daily, at("2017-02-20T09:00:00Z")).toISOString()).toBe("2017-02-20T03:15:00.000Z");
    expect(latestSlot(daily, at("2017-02-20T03:14:59.999Z")).toISOString()).toBe("2017-02-19T03:15:00.000Z");
    expect(latestSlot(daily, at("2017-02-20T03:15:00Z")).toISOString()).toBe("2017-02-20T03:15:00.000Z");
    expect(nextSlot(daily, at("2017-02-20T09:00:00Z")).toISOString()).toBe("2017-02-21T03:15:00.000Z");
  });

  it("puts weekly slots on Mondays and six-hourly ones on the quarter past", () => {
    const weekly = { everyMinutes: 7 * 24 * 60, offsetMinutes: 195 };
    // 2017-02-20 was a Monday.
    expect(latestSlot(weekly, at("2017-02-26T23:00:00Z")).toISOString()).toBe("2017-02-20T03:15:00.000Z");
    expect(nextSlot(weekly, at("2017-02-20T03:15:00Z")).toISOString()).toBe("2017-02-27T03:15:00.000Z");
    const sixHourly = { everyMinutes: 360, offsetMinutes: 15 };
    expect(latestSlot(sixHourly, at("2017-02-20T12:14:00Z")).toISOString()).toBe("2017-02-20T06:15:00.000Z");
    expect(nextSlot(sixHourly, at("2017-02-20T12:14:00Z")).toISOString()).toBe("2017-02-20T12:15:00.000Z");
  });

  it("ends a day at midnight for end-of-day jobs, and refuses a cadence that makes no sense", () => {
    const endOfDay = { everyMinutes: 24 * 60, offsetMinutes: 0 };
    expect(latestSlot(endOfDay, at("2017-03-04T17:30:00Z")).toISOString()).toBe("2017-03-04T00:00:00.000Z");
    expect(() => latestSlot({ everyMinutes: 60, offsetMinutes: 60 }, new Date())).toThrow(RangeError);
    expect(() => latestSlot({ everyMinutes: 0.5, offsetMinutes: 0 }, new Date())).toThrow(RangeError);
  });
});

describe("coalesce", () => {
  it("gathers calls made together into one batch, and calls made during a batch into the next", async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const double = coalesce<number, number>(async (keys) => {
      batches.push(keys);
      if (batches.length === 1) await gate;
      return keys.map((k) => k * 2);
    });
    const first = [double(1), double(2), double(3)];
    await new Promise((r) => setImmediate(r));
    const second = [double(4), double(5)];
    release();
    expect(await Promise.all([...first, ...second])).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it("holds a small batch up to maxWaitMs for company, and sends it as soon as minBatch is reached", async () => {
    const batches: number[][] = [];
    const echo = coalesce<number, number>(
      async (keys) => {
        batches.push(keys);
        return keys;
      },
      { minBatch: 3, maxWaitMs: 40 },
    );
    // Calls arriving a few milliseconds apart still share one batch.
    const first = [echo(1)];
    await new Promise((r) => setTimeout(r, 5));
    first.push(echo(2));
    await new Promise((r) => setTimeout(r, 5));
    expect(batches).toEqual([]);
    first.push(echo(3));
    await Promise.all(first);
    expect(batches).toEqual([[1, 2, 3]]);
    // A lone call waits out maxWaitMs and then goes alone.
    const started = Date.now();
    expect(await echo(4)).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(batches).toEqual([[1, 2, 3], [4]]);
    await echo.drain();
  });

  it("rejects every call of a failed batch and goes on with the next", async () => {
    let calls = 0;
    const flaky = coalesce<string, string>(async (keys) => {
      calls += 1;
      if (calls === 1) throw new Error("boom");
      return keys.map((k) => k.toUpperCase());
    });
    const failed = await Promise.allSettled([flaky("a"), flaky("b")]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await flaky("c")).toBe("C");
  });
});

describe("transient database errors", () => {
  it("recognises a restart, a refused connection and a lost one, but not a bug", () => {
    expect(isTransientDbError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isTransientDbError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransientDbError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientDbError(new Error("wrapped", { cause: Object.assign(new Error("x"), { code: "57P03" }) }))).toBe(true);
    expect(isTransientDbError(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isTransientDbError(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
  });

  it("retries while the database is away, and throws a bug at once", async () => {
    let attempts = 0;
    const value = await retryTransient(
      async () => {
        attempts += 1;
        if (attempts < 3) throw Object.assign(new Error("the database system is starting up"), { code: "57P03" });
        return "ok";
      },
      { what: "test", firstDelayMs: 1 },
    );
    expect([value, attempts]).toEqual(["ok", 3]);
    expect(takeConsoleErrors()).toEqual([expect.stringMatching(/test: the database is unavailable, retrying/)]);
    let bugAttempts = 0;
    await expect(
      retryTransient(
        async () => {
          bugAttempts += 1;
          throw new TypeError("bug");
        },
        { what: "test", firstDelayMs: 1 },
      ),
    ).rejects.toThrow("bug");
    expect(bugAttempts).toBe(1);
  });
});
