// The readiness rule has one definition in TypeScript (lib/readiness/verdict.ts, to explain it)
// and one rendering in SQL (lib/readiness/verdict-sql.ts, to filter, sort and count by it). Every
// combination of inputs, at every floor, must give the same verdict, basis, probe finding and
// probe outcome both ways; and the screens that show probes read the same rule.
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { db, readRows } from "@/lib/db";
import { listIntegrations } from "@/lib/integrations/service";
import { queryList } from "@/lib/integrations/query";
import { listQuerySchema } from "@/lib/integrations/schemas";
import { IN_PLAY_STATUSES } from "@/lib/integrations/categories";
import { countNotReady } from "@/lib/readiness/summary";
import { VERDICTS, probeFinding, readinessOf } from "@/lib/readiness/verdict";
import { LATEST_PROBE_JOIN, floorSql, probeFindingSql, readinessSql } from "@/lib/readiness/verdict-sql";
import { PROBE_OUTCOMES, probeOutcome, probeOutcomeSql } from "@/lib/probes/outcome";
import { probeHistory, runProgress } from "@/lib/probes/read";
import { ProbeHistory } from "@/components/probes/probe-history";
import { SqlParams } from "@/lib/sql";
import { TLS_VERSIONS, fromEnum, type TlsVersionEnum } from "@/lib/tls-probe/versions";
import { makeIntegration, makeUser, unique } from "../support/factories";

const STATUSES = ["not_started", "in_progress", "blocked", "retired"] as const;
type Evidence = { handshakeVersion: TlsVersionEnum | null; errorKind: string | null; certProblem?: string };
const EVIDENCE: readonly (Evidence | null)[] = [
  null,
  { handshakeVersion: "TLSv1_3", errorKind: null },
  { handshakeVersion: "TLSv1_2", errorKind: null, certProblem: "expired on 2017-01-31" },
  { handshakeVersion: "TLSv1_1", errorKind: null },
  { handshakeVersion: "TLSv1", errorKind: null },
  { handshakeVersion: "TLSv1", errorKind: null, certProblem: "self-signed and not trusted" },
  { handshakeVersion: null, errorKind: "timeout" },
  { handshakeVersion: null, errorKind: null },
  // Not something a probe stores (an error leaves no handshake), but the two renderings must still agree.
  { handshakeVersion: "TLSv1_2", errorKind: "reset" },
];
const facts = (e: Evidence) => ({ handshakeVersion: e.handshakeVersion ? fromEnum(e.handshakeVersion) : null, errorKind: e.errorKind, certProblem: e.certProblem ?? null });

describe("the readiness rule in SQL and in TypeScript", () => {
  it("agree on verdict and basis for every combination at every floor, and filters, sorts and counts match", async () => {
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
    const seen = new Set<string>();
    for (const floor of TLS_VERSIONS) {
      const context = { floor, now: new Date() };
      const all = await queryList(listQuerySchema.parse({ q: tag, pageSize: "1000" }), admin, context);
      expect(all.total).toBe(n);
      const p = new SqlParams();
      const sql = readinessSql(floor, p);
      const inSql = await readRows<{ id: string; verdict: string; basis: string | null }>(
        `SELECT i.id::text AS id, ${sql.verdict} AS verdict, ${sql.basis} AS basis FROM integrations i ${LATEST_PROBE_JOIN} WHERE i.name LIKE ${p.add(`${tag}-%`)}`,
        p.values,
      );
      const bySql = new Map(inSql.map((r) => [r.id, r]));
      for (const r of all.data) {
        expect(bySql.get(r.id), `${r.name} at ${floor}`).toEqual({ id: r.id, verdict: r.readiness.verdict, basis: r.readiness.basis });
        seen.add(`${r.readiness.verdict}/${r.readiness.basis}`);
      }
      for (const verdict of VERDICTS) {
        const filtered = await queryList(listQuerySchema.parse({ q: tag, verdict, pageSize: "1000" }), admin, context);
        const expected = all.data.filter((r) => r.readiness.verdict === verdict).map((r) => r.id).sort();
        expect(filtered.data.map((r) => r.id).sort(), `${verdict} at ${floor}`).toEqual(expected);
      }
      const sorted = await queryList(listQuerySchema.parse({ q: tag, sort: "verdict", pageSize: "1000" }), admin, context);
      const ranks = sorted.data.map((r) => VERDICTS.indexOf(r.readiness.verdict));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    // Every verdict and every basis of "ready" occurred, so none of the comparisons above was empty.
    for (const v of VERDICTS.filter((v) => v !== "ready")) expect(seen).toContain(`${v}/null`);
    expect(seen).toContain("ready/proven");
    expect(seen).toContain("ready/declared");

    // The header's count reads the same rule at the active campaign's floor.
    const active = await listIntegrations(admin, listQuerySchema.parse({ q: tag, pageSize: "1000" }));
    const notReady = active.data.filter((r) => r.readiness.verdict !== "ready" && r.readiness.verdict !== "retired").length;
    expect(await db.integration.count({ where: { NOT: { name: { startsWith: tag } } } })).toBe(0);
    const inPlay = active.data.filter((r) => (IN_PLAY_STATUSES as readonly string[]).includes(r.status)).length;
    expect(await countNotReady(admin)).toEqual({ notReady, inPlay });
  });

  it("agree on what each probe found and on its outcome, and runs and histories count and show them by that rule", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const row = await makeIntegration({ endpointHost: "h.example.com" });
    const run = await db.probeRun.create({ data: { kind: "bulk", label: unique("run"), total: 0, createdAt: new Date() } });
    const evidence = EVIDENCE.filter((e): e is Evidence => e !== null);
    const probes = [
      ...evidence.map((e) => ({ status: "done" as const, ...e })),
      ...(["queued", "running", "cancelled"] as const).map((status) => ({ status, handshakeVersion: null, errorKind: null })),
    ];
    const at = Date.now();
    for (const [i, e] of probes.entries()) {
      await db.probe.create({
        data: { integrationId: row.id, runId: run.id, host: "h.example.com", port: 443, floor: "TLSv1_1", queuedAt: new Date(at + i), ...e, finishedAt: e.status === "done" ? new Date(at + i) : null },
      });
    }
    await db.probeRun.update({ where: { id: run.id }, data: { total: probes.length } });
    const stored = await db.probe.findMany({ where: { runId: run.id } });
    const seen = new Set<string>();
    for (const floor of TLS_VERSIONS) {
      const p = new SqlParams();
      const f = floorSql(floor, p);
      const inSql = await readRows<{ id: string; finding: string | null; outcome: string }>(
        `SELECT p.id::text AS id, CASE WHEN p.status = 'done' THEN ${probeFindingSql(f)} END AS finding, ${probeOutcomeSql(f)} AS outcome FROM probes p WHERE p.run_id = ${p.add(run.id)}::uuid`,
        p.values,
      );
      for (const s of stored) {
        const e = facts({ handshakeVersion: s.handshakeVersion, errorKind: s.errorKind, certProblem: s.certProblem ?? undefined });
        const outcome = probeOutcome({ ...e, status: s.status }, floor);
        expect(inSql.find((r) => r.id === s.id), `${s.status} ${JSON.stringify(e)} at ${floor}`).toEqual({
          id: s.id,
          finding: s.status === "done" ? probeFinding(e, floor) : null,
          outcome,
        });
        seen.add(outcome);
      }
    }
    expect([...seen].sort()).toEqual([...PROBE_OUTCOMES].sort());

    // The run's counts and the integration's history, at the active floor (TLS 1.1).
    const progress = await runProgress(admin, run.id);
    expect(progress.outcomes).toEqual({ queued: 1, running: 1, cancelled: 1, meets_floor: 3, certificate: 1, below_floor: 3, unreachable: 1 });
    expect(progress).toMatchObject({ done: evidence.length, finished: false });
    const history = await probeHistory(admin, row.id);
    for (const h of history) expect(h.outcome).toBe(probeOutcome(h, "TLSv1.1"));
    // A probe at the floor whose certificate fails is not shown as meeting it: the verdict rule wins.
    const html = renderToStaticMarkup(createElement(ProbeHistory, { entries: history, floor: "TLSv1.1" }));
    expect(html).toContain("Certificate problem (TLS 1.2)");
    expect(html.match(/Meets the floor/g)).toHaveLength(3);
    const certificateOnly = history.filter((h) => h.certProblem && h.handshakeVersion === "TLSv1.2");
    expect(renderToStaticMarkup(createElement(ProbeHistory, { entries: certificateOnly, floor: "TLSv1.1" }))).not.toContain("Meets");
    // The verdict that probe gives its integration says the same.
    const latest = certificateOnly[0];
    const readiness = readinessOf({
      status: "in_progress",
      hasEndpoint: true,
      override: null,
      probe: { ...latest, errorMessage: null, finishedAt: latest.finishedAt!, acceptsTls10: null },
      floor: "TLSv1.1",
      now: new Date(),
    });
    expect(readiness.verdict).toBe("certificate");
  });
});
