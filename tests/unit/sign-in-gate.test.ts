import { describe, expect, it } from "vitest";
import { addressBucket } from "@/lib/auth/client-address";
import { ConcurrencyGate, KeyedQueue, SignInBusyError } from "@/lib/auth/sign-in-gate";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ConcurrencyGate", () => {
  it("runs at most its limit at once, the rest in arrival order", async () => {
    const gate = new ConcurrencyGate(2, 5_000);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        gate.run(async () => {
          order.push(i);
          running += 1;
          most = Math.max(most, running);
          await sleep(10);
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("answers busy to a waiter that waited too long, and keeps its place for the others", async () => {
    const gate = new ConcurrencyGate(1, 50);
    const slow = gate.run(() => sleep(200));
    await expect(gate.run(async () => "never")).rejects.toBeInstanceOf(SignInBusyError);
    await slow;
    await expect(gate.run(async () => "after")).resolves.toBe("after");
  });

  it("frees the place of a task that throws", async () => {
    const gate = new ConcurrencyGate(1, 1_000);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run(async () => "next")).resolves.toBe("next");
  });
});

describe("KeyedQueue", () => {
  it("runs one at a time per key, keys side by side", async () => {
    const queue = new KeyedQueue(5_000);
    const log: string[] = [];
    const task = (key: string, i: number) =>
      queue.run(key, async () => {
        log.push(`${key}${i}+`);
        await sleep(10);
        log.push(`${key}${i}-`);
      });
    await Promise.all([task("a", 1), task("a", 2), task("b", 1)]);
    expect(log.indexOf("a1-")).toBeLessThan(log.indexOf("a2+"));
    expect(log.indexOf("b1+")).toBeLessThan(log.indexOf("a1-"));
  });

  it("answers busy after the wait, and the next in line still waits for the one running", async () => {
    const queue = new KeyedQueue(50);
    let firstDone = false;
    const first = queue.run("k", async () => {
      await sleep(200);
      firstDone = true;
    });
    await expect(queue.run("k", async () => "late")).rejects.toBeInstanceOf(SignInBusyError);
    await first;
    expect(firstDone).toBe(true);
    await expect(queue.run("k", async () => "free again")).resolves.toBe("free again");
  });
});

describe("addressBucket", () => {
  it.each([
    ["198.51.100.7", "198.51.100.7"],
    ["::ffff:198.51.100.7", "198.51.100.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::ffff", "2001:db8:1:2::/64"],
    ["2001:db8:1:3::1", "2001:db8:1:3::/64"],
    ["::1", "::/64"],
    [null, null],
    ["", null],
  ])("%s counts as %s", (ip, bucket) => {
    expect(addressBucket(ip)).toBe(bucket);
  });
});
