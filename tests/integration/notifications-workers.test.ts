// Deliveries through the real queue and real workers: two workers send each message exactly once,
// and a mail server that is down is tried again until it is back.
import { afterAll, describe, expect, it, vi } from "vitest";
import { startMailSink, type MailSink } from "@/lib/notifications/testing/mail-sink";
import { takeConsoleErrors } from "../support/fail-on-console-error";

vi.hoisted(() => {
  // Retries a second apart (doubling), so a test can wait for one.
  process.env.NOTIFY_RETRY_DELAY_SECONDS = "1";
  process.env.NEXTAUTH_URL = "https://readiness.example.test";
});

const { db } = await import("@/lib/db");
const { makeCampaign, makeIntegration, makeUser } = await import("../support/factories");
const { scanOccasions } = await import("@/lib/notifications/scan");
const { startWorker } = await import("@/lib/jobs/host");
const { stopQueue } = await import("@/lib/jobs/queue");

const DAY = 86_400_000;
const AT = new Date("2017-02-20T09:00:00Z");
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await stopQueue();
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let sink: MailSink;

describe("delivery jobs", () => {
  it("are sent once each with two workers taking the queue, even when the scan runs twice at once", async () => {
    sink = await startMailSink();
    process.env.SMTP_URL = sink.url;
    await makeCampaign({ dueAt: new Date(AT.getTime() + 2 * DAY) });
    const owners = [];
    for (let i = 0; i < 12; i++) {
      const owner = await makeUser();
      await makeIntegration({ ownerId: owner.id, endpointHost: `once-${i}.example.com` });
      owners.push(owner);
    }
    const [a, b] = await Promise.all([scanOccasions(AT), scanOccasions(AT)]);
    expect(a.recorded + b.recorded).toBe(12);

    const workers = await Promise.all([1, 2].map(() => startWorker({ url: process.env.DATABASE_URL!, probeConcurrency: 1, schedules: false })));
    cleanup.push(() => Promise.all(workers.map((w) => w.stop())));
    await until("every reminder sent", async () => (await db.delivery.count({ where: { status: "sent", kind: "reminder" } })) === 12);
    for (const owner of owners) expect(sink.received.filter((m) => m.to.includes(owner.email)), owner.email).toHaveLength(1);
    expect(sink.received).toHaveLength(12);
    expect(await db.delivery.count({ where: { kind: "reminder", attempts: { not: 1 } } })).toBe(0);
  });

  it("are retried with backoff while the mail server is down, and sent once it is back", async () => {
    const port = sink.port;
    await sink.close();
    const owner = await makeUser();
    const campaign = await makeCampaign({ dueAt: new Date(AT.getTime() + 6 * DAY) });
    await makeIntegration({ ownerId: owner.id, endpointHost: "retry.example.com" });
    await scanOccasions(AT);
    const key = `reminder:${campaign.milestones[0].id}@${campaign.milestones[0].dueAt.toISOString()}:7d|user:${owner.id}`;

    const refused = await until("a failed attempt", async () => {
      const d = await db.delivery.findUnique({ where: { occasionKey: key } });
      return d && d.attempts >= 1 ? d : null;
    });
    expect(refused.status).toBe("queued");
    expect(refused.lastAnswer).toContain("ECONNREFUSED");
    // The mail server being down is an operator's warning, not an error: nothing on console.error.
    expect(takeConsoleErrors()).toEqual([]);

    sink = await startMailSink({ port });
    cleanup.push(() => sink.close());
    const sent = await until("the delivery sent", async () => {
      const d = await db.delivery.findUnique({ where: { occasionKey: key } });
      return d?.status === "sent" ? d : null;
    });
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.lastAnswer).toMatch(/^250/);
    // This owner also has the first test's milestone (a different occasion): count this one's subject.
    const subject = `Subject: ${sent.subject}`;
    expect(sink.received.filter((m) => m.to.includes(owner.email) && m.raw.includes(subject))).toHaveLength(1);
  });

  it("whose job was never sent (a process stopped after recording) are sent by the next scan", async () => {
    const owner = await makeUser();
    const campaign = await makeCampaign({ dueAt: new Date(AT.getTime() + 13 * DAY) });
    await makeIntegration({ ownerId: owner.id, endpointHost: "orphan.example.com" });
    const { recorded } = await scanOccasions(AT, { send: false });
    expect(recorded).toBeGreaterThan(0);
    const key = `reminder:${campaign.milestones[0].id}@${campaign.milestones[0].dueAt.toISOString()}:14d|user:${owner.id}`;
    // Recorded a while ago, and no job: what a web process or worker that died in between leaves.
    await db.delivery.updateMany({ where: { status: "queued" }, data: { createdAt: new Date(AT.getTime() - 10 * 60_000) } });
    expect((await scanOccasions(AT)).resent).toBeGreaterThanOrEqual(1);
    const sent = await until("the orphan sent", async () => {
      const d = await db.delivery.findUnique({ where: { occasionKey: key } });
      return d?.status === "sent" ? d : null;
    });
    expect(sent.attempts).toBe(1);
  });
});
