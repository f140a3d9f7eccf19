// The verdict is computed twice: in TypeScript (to explain it) and in SQL (to filter, sort and
// count by it). Every combination of inputs must give the same verdict both ways.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listIntegrations } from "@/lib/integrations/service";
import { listQuerySchema } from "@/lib/integrations/schemas";
import { countNotReady } from "@/lib/readiness/summary";
import { VERDICTS } from "@/lib/readiness/verdict";
import { makeIntegration, makeUser, unique } from "../support/factories";

const STATUSES = ["not_started", "in_progress", "blocked", "retired"] as const;
const EVIDENCE = [
  null,
  { handshakeVersion: "TLSv1_3", errorKind: null },
  { handshakeVersion: "TLSv1_2", errorKind: null, certProblem: "expired on 2017-01-31" },
  { handshakeVersion: "TLSv1_1", errorKind: null },
  { handshakeVersion: "TLSv1", errorKind: null },
  { handshakeVersion: null, errorKind: "timeout" },
  { handshakeVersion: null, errorKind: null },
] as const;

describe("verdicts in SQL and in TypeScript", () => {
  it("agree on every combination, and the filter finds exactly those rows", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const tag = unique("verdict");
    let n = 0;
    for (const status of STATUSES)
      for (const endpoint of [true, false])
        for (const override of [null, "TLSv1", "TLSv1_1", "TLSv1_2"] as const)
          for (const evidence of endpoint ? EVIDENCE : [null]) {
            const row = await makeIntegration({ name: `${tag}-${n++}`, status, endpointHost: endpoint ? "h.example.com" : null });
            if (override) await db.integration.update({ where: { id: row.id }, data: { overrideReady: true, overrideReason: "checked by hand", overrideById: admin.id, overrideFloor: override } });
            if (evidence) {
              const p = await db.probe.create({
                data: { integrationId: row.id, host: "h.example.com", port: 443, floor: "TLSv1_1", status: "done", queuedAt: new Date(), finishedAt: new Date(), ...evidence },
              });
              await db.integration.update({ where: { id: row.id }, data: { latestProbeId: p.id } });
            }
          }
    const all = await listIntegrations(admin, listQuerySchema.parse({ q: tag, pageSize: "1000" }));
    expect(all.total).toBe(n);
    const byTs = new Map(all.data.map((r) => [r.id, r.readiness.verdict]));
    for (const verdict of VERDICTS) {
      const filtered = await listIntegrations(admin, listQuerySchema.parse({ q: tag, verdict, pageSize: "1000" }));
      const expected = [...byTs].filter(([, v]) => v === verdict).map(([id]) => id).sort();
      expect(filtered.data.map((r) => r.id).sort(), verdict).toEqual(expected);
    }
    const sorted = await listIntegrations(admin, listQuerySchema.parse({ q: tag, sort: "verdict", pageSize: "1000" }));
    const ranks = sorted.data.map((r) => VERDICTS.indexOf(r.readiness.verdict));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const notReady = [...byTs.values()].filter((v) => v !== "ready" && v !== "retired").length;
    const others = await db.integration.count({ where: { NOT: { name: { startsWith: tag } } } });
    expect(others).toBe(0);
    expect((await countNotReady(admin))?.notReady).toBe(notReady);
  });
});
