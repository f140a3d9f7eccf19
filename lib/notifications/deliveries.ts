import "server-only";
import { db, readRows, withTransaction } from "@/lib/db";
import { now } from "@/lib/clock";
import { logInfo } from "@/lib/log";
import { RetryLaterError } from "@/lib/jobs/pool";
import { callWebhook, ChannelError, sendEmail } from "./channels";
import { render, webhookPayload, type Message } from "./messages";
import { DELIVERY_QUEUE, MAX_ATTEMPTS, sendDeliveryJobs } from "./queue";

// The delivery log's writes: a message becomes one row per recipient (the occasion key makes it
// once-only), then a job sends it (./jobs.ts), or an admin does by hand (a test, a retry).

export type Recipient = { channel: "email"; userId: string; email: string } | { channel: "webhook"; webhookId: string; url: string };

export interface Planned {
  /** What the message is about, e.g. "reminder:<milestone>@<due>:7d"; the recipient is added to it. */
  occasion: string;
  message: Message;
  recipient: Recipient;
}

export function occasionKey(occasion: string, recipient: Recipient): string {
  return `${occasion}|${recipient.channel === "email" ? `user:${recipient.userId}` : `webhook:${recipient.webhookId}`}`;
}

/**
 * Records each planned message unless its occasion key is already there (sent, queued or failed)
 * and sends a job for each new one. Returns the ids of the new deliveries.
 */
export async function recordDeliveries(planned: Planned[], opts: { send?: boolean; at?: Date } = {}): Promise<string[]> {
  // The scan's moment on the board's clock, so a delivery reads as made when its occasion was.
  const at = opts.at ?? now();
  const ids: string[] = [];
  for (let i = 0; i < planned.length; i += 500) {
    const chunk = planned.slice(i, i + 500).map((p) => {
      const rendered = render(p.message);
      const email = p.recipient.channel === "email";
      return {
        occasion_key: occasionKey(p.occasion, p.recipient),
        kind: p.message.kind,
        channel: p.recipient.channel,
        user_id: email ? (p.recipient as { userId: string }).userId : null,
        webhook_id: email ? null : (p.recipient as { webhookId: string }).webhookId,
        recipient: email ? (p.recipient as { email: string }).email : (p.recipient as { url: string }).url,
        subject: email ? rendered.subject : p.message.event,
        text_body: rendered.text,
        html_body: email ? rendered.html : null,
        payload: email ? null : webhookPayload(p.message, at),
      };
    });
    const rows = await readRows<{ id: string }>(
      `INSERT INTO deliveries (occasion_key, kind, channel, user_id, webhook_id, recipient, subject, text_body, html_body, payload, created_at)
       SELECT r.occasion_key, r.kind, r.channel::"DeliveryChannel", r.user_id, r.webhook_id, r.recipient, r.subject, r.text_body, r.html_body, r.payload, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(occasion_key text, kind text, channel text, user_id uuid, webhook_id uuid, recipient text,
                                                 subject text, text_body text, html_body text, payload jsonb)
       ON CONFLICT (occasion_key) DO NOTHING
       RETURNING id::text AS id`,
      [JSON.stringify(chunk), at],
    );
    ids.push(...rows.map((r) => r.id));
  }
  if (ids.length && opts.send !== false) await sendDeliveryJobs(ids);
  return ids;
}

/**
 * Queued deliveries whose job is gone (a process stopped between recording and sending) are sent
 * again; those whose job gave up without recording it (workers that died mid-send until the
 * retries ran out) are marked failed, so the log can offer a retry instead of "queued" for good.
 */
export async function resendOrphans(at: Date = now()): Promise<number> {
  // No queue yet (no worker or sender has started on this database): nothing was ever sent.
  const [{ queue }] = await readRows<{ queue: boolean }>("SELECT to_regclass('pgboss.job') IS NOT NULL AS queue");
  if (!queue) return 0;
  await db.$executeRawUnsafe(
    `UPDATE deliveries d SET status = 'failed', last_answer = coalesce(d.last_answer || ' — ', '') || 'the worker stopped while sending, too many times'
      WHERE d.status = 'queued' AND EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $1 AND j.id = d.id AND j.state = 'failed')`,
    DELIVERY_QUEUE.name,
  );
  const rows = await readRows<{ id: string }>(
    `SELECT d.id::text AS id FROM deliveries d
      WHERE d.status = 'queued' AND d.created_at < $1
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $2 AND j.id = d.id)
      LIMIT 1000`,
    [new Date(at.getTime() - 2 * 60_000), DELIVERY_QUEUE.name],
  );
  if (rows.length) await sendDeliveryJobs(rows.map((r) => r.id));
  return rows.length;
}

export type AttemptOutcome = "sent" | "already-sent" | "busy" | "missing" | "retrying" | "failed";

interface DeliveryRow {
  id: string;
  channel: "email" | "webhook";
  status: "queued" | "sent" | "failed";
  attempts: number;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  payload: unknown;
  webhookEnabled: boolean | null;
  secret: string | null;
}

/**
 * Sends one delivery and records the answer. The row is locked while it is sent, so two workers
 * (or a worker and an admin's retry) never send it at once; a sent one is never sent again.
 * `manual` (an admin's retry or test): a failure is recorded as failed, not retried by the queue.
 */
export async function attemptDelivery(id: string, opts: { manual?: boolean } = {}): Promise<{ outcome: AttemptOutcome; answer: string | null }> {
  const result = await withTransaction(async (client) => {
    const { rows } = await client.query<DeliveryRow>(
      `SELECT d.id::text AS id, d.channel::text AS channel, d.status::text AS status, d.attempts, d.recipient, d.subject,
              d.text_body AS "textBody", d.html_body AS "htmlBody", d.payload, w.enabled AS "webhookEnabled", w.secret
         FROM deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.id = $1::uuid FOR UPDATE OF d SKIP LOCKED`,
      [id],
    );
    const d = rows[0];
    if (!d) {
      const exists = await client.query("SELECT 1 FROM deliveries WHERE id = $1::uuid", [id]);
      return { outcome: exists.rowCount ? ("busy" as const) : ("missing" as const), answer: null, retry: false };
    }
    if (d.status === "sent") return { outcome: "already-sent" as const, answer: null, retry: false };
    const attempts = d.attempts + 1;
    let answer: string;
    try {
      answer = await deliver(d);
    } catch (err) {
      const retryable = err instanceof ChannelError ? err.retryable : true;
      const retry = !opts.manual && retryable && attempts < MAX_ATTEMPTS;
      answer = err instanceof ChannelError ? err.message : `Could not send: ${(err as Error).message}`;
      await client.query(
        `UPDATE deliveries SET attempts = $2, last_answer = $3, last_attempt_at = $4, status = $5::"DeliveryStatus" WHERE id = $1::uuid`,
        [id, attempts, answer, now(), retry ? "queued" : "failed"],
      );
      return { outcome: retry ? ("retrying" as const) : ("failed" as const), answer, retry };
    }
    await client.query(
      `UPDATE deliveries SET attempts = $2, last_answer = $3, last_attempt_at = $4, sent_at = $4, status = 'sent' WHERE id = $1::uuid`,
      [id, attempts, answer, now()],
    );
    return { outcome: "sent" as const, answer, retry: false };
  });
  // Thrown after the transaction committed, so the attempt stays recorded and the queue retries.
  if (result.retry) throw new RetryLaterError(`delivery ${id} not sent yet: ${result.answer}`);
  if (result.outcome === "sent" || result.outcome === "failed") logInfo(`notification ${result.outcome}`, { deliveryId: id });
  return { outcome: result.outcome, answer: result.answer };
}

async function deliver(d: DeliveryRow): Promise<string> {
  if (d.channel === "email") return sendEmail({ to: d.recipient, subject: d.subject, text: d.textBody, html: d.htmlBody ?? "" });
  if (d.secret === null) throw new ChannelError("The webhook was deleted.", false);
  if (!d.webhookEnabled) throw new ChannelError("The webhook is disabled: enable it to send to it.", false);
  return callWebhook(d.recipient, d.secret, JSON.stringify(d.payload));
}

/** Counts by status, for the log's header. */
export async function deliveryCounts(): Promise<Record<"queued" | "sent" | "failed", number>> {
  const rows = await db.delivery.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = { queued: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.status] = r._count._all;
  return counts;
}
