// Checklist fixtures for integration tests: a campaign with templates made through the real
// service, probes stored as the worker stores them, and a way to hold a row lock so two writes
// overlap deterministically.
import pg from "pg";
import { db } from "@/lib/db";
import { createTemplate } from "@/lib/checklists/templates";
import { instantiateItems } from "@/lib/checklists/instantiate";
import { createTemplateInput } from "@/lib/checklists/schemas";
import type { Actor } from "@/lib/auth/permissions";
import { unique } from "./factories";

type TemplateFields = Partial<Omit<ReturnType<typeof createTemplateInput.parse>, "category">> & { category: ReturnType<typeof createTemplateInput.parse>["category"] };

export async function addTemplate(admin: Actor, campaignId: string, fields: TemplateFields) {
  return createTemplate(admin, createTemplateInput.parse({ title: unique("Item"), ...fields, campaignId }));
}

/** Gives integrations made by the factories (straight into the table) their checklist items. */
export async function instantiate<T extends { id: string }>(pending: T | Promise<T>): Promise<T> {
  const row = await pending;
  await db.$transaction((tx) => instantiateItems(tx, { integrationIds: [row.id] }));
  return row;
}

/** The integration's item made from a template. */
export async function itemOf(templateId: string, integrationId: string | null) {
  return db.checklistItem.findFirstOrThrow({ where: { templateId, integrationId } });
}

/** A finished probe of the integration's endpoint that becomes its latest evidence. */
export async function storeProbe(
  integration: { id: string; endpointHost: string | null; endpointPort: number | null },
  facts: { handshakeVersion: "TLSv1" | "TLSv1_1" | "TLSv1_2" | "TLSv1_3" | null; certProblem?: string | null; errorKind?: string | null; finishedAt?: Date },
) {
  const finishedAt = facts.finishedAt ?? new Date("2017-02-13T03:15:02Z");
  const probe = await db.probe.create({
    data: {
      integrationId: integration.id,
      host: integration.endpointHost ?? "h.example.com",
      port: integration.endpointPort ?? 443,
      floor: "TLSv1_1",
      status: "done",
      queuedAt: finishedAt,
      finishedAt,
      handshakeVersion: facts.handshakeVersion,
      certProblem: facts.certProblem ?? null,
      errorKind: facts.errorKind ?? null,
    },
  });
  await db.integration.update({ where: { id: integration.id }, data: { latestProbeId: probe.id } });
  return probe;
}

/**
 * Holds `SELECT … FOR UPDATE` on one row from a connection of its own until `release()`, so
 * writes to it queue up behind the lock; `waitForBlocked(n)` returns once n other statements wait.
 */
export async function holdRowLock(table: "checklist_items" | "integrations", id: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`SELECT id FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  let released = false;
  return {
    async waitForBlocked(n: number, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        // Inside a transaction pg_stat_activity is a snapshot taken at its first read: refresh it.
        await client.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await client.query<{ n: number }>(
          // Waiters queue: the first waits on this lock, the next on the first. Count them all.
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0",
        );
        if (rows[0].n >= n) return;
        if (Date.now() > until) throw new Error(`only ${rows[0].n} of ${n} statements are waiting for the lock`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async release() {
      if (released) return;
      released = true;
      await client.query("COMMIT");
      await client.end();
    },
  };
}
