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
import { READY_BASES, VERDICTS, probeFinding, readinessOf } from "@/lib/readiness/verdict";
import { CHECKLIST_JOIN, LATEST_PROBE_JOIN, floorSql, probeFindingSql, readinessSql } from "@/lib/readiness/verdict-sql";
import { PROBE_OUTCOMES, probeOutcome, probeOutcomeSql } from "@/lib/probes/outcome";
import { probeHistory, runProgress } from "@/lib/probes/read";
import { ProbeHistory } from "@/components/probes/probe-history";
import { SqlParams } from "@/lib/sql";
import { TLS_VERSIONS, fromEnum, type TlsVersionEnum } from "@/lib/tls-probe/versions";
import { resolveActiveId } from "@/lib/campaigns/service";
import { makeCampaign, makeIntegration, makeUser, unique } from "../support/factories";

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
/** The same integrations judged both ways at every floor: verdict and basis must agree. */
async function expectSqlMatchesTs(admin: { id: string }, tag: string, n: number, seen: Set<string>) {
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
    // The same rule over every integration at once, each checklist aggregated in one pass.
    const q = new SqlParams();
    const joined = readinessSql(floor, q, "cl.completed_at");
    const inJoin = await readRows<{ id: string; verdict: string; basis: string | null }>(
      `SELECT i.id::text AS id, ${joined.verdict} AS verdict, ${joined.basis} AS basis FROM integrations i ${LATEST_PROBE_JOIN} ${CHECKLIST_JOIN} WHERE i.name LIKE ${q.add(`${tag}-%`)}`,
      q.values,
    );
    const byJoin = new Map(inJoin.map((r) => [r.id, r]));
    for (const r of all.data) {
      expect(bySql.get(r.id), `${r.name} at ${floor}`).toEqual({ id: r.id, verdict: r.readiness.verdict, basis: r.readiness.basis });
      expect(byJoin.get(r.id), `${r.name} at ${floor}, aggregated`).toEqual({ id: r.id, verdict: r.readiness.verdict, basis: r.readiness.basis });
      seen.add(`${r.readiness.verdict}/${r.readiness.basis}`);
    }
    for (const verdict of VERDICTS) {
      const filtered = await queryList(listQuerySchema.parse({ q: tag, verdict, pageSize: "1000" }), admin, context);
      const expected = all.data.filter((r) => r.readiness.verdict === verdict).map((r) => r.id).sort();
      expect(filtered.data.map((r) => r.id).sort(), `${verdict} at ${floor}`).toEqual(expected);
    }
    for (const basis of READY_BASES) {
      const filtered = await queryList(listQuerySchema.parse({ q: tag, verdict: `ready-${basis}`, pageSize: "1000" }), admin, context);
      const expected = all.data.filter((r) => r.readiness.basis === basis).map((r) => r.id).sort();
      expect(filtered.data.map((r) => r.id).sort(), `ready-${basis} at ${floor}`).toEqual(expected);
    }
    const sorted = await queryList(listQuerySchema.parse({ q: tag, sort: "verdict", pageSize: "1000" }), admin, context);
    const ranks = sorted.data.map((r) => VERDICTS.indexOf(r.readiness.verdict));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  }
}

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
    await expectSqlMatchesTs(admin, tag, n, seen);
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

  it("agree on the checklist basis: complete, incomplete, without evidence, contradicted by Login History, beside probes and declarations", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const active = (await resolveActiveId()) ?? (await makeCampaign()).id;
    const other = (await makeCampaign()).id;
    expect(await resolveActiveId()).toBe(active);
    const at = new Date();
    const template = (campaignId: string, category: "api" | "browser", fields: { required?: boolean; verification?: boolean; evidence?: "none" | "note" | "link"; retired?: boolean }) =>
      db.checklistTemplate.create({
        data: {
          campaignId, category, title: unique("Step"), position: 1, createdAt: at, updatedAt: at,
          required: fields.required ?? true, verification: fields.verification ?? false, evidence: fields.evidence ?? "none", retiredAt: fields.retired ? at : null,
        },
      });
    const plain = await template(active, "api", {});
    const verify = await template(active, "api", { verification: true, evidence: "note" });
    const optional = await template(active, "api", { required: false });
    const retired = await template(active, "api", { retired: true });
    const elsewhere = await template(other, "api", {});
    const browserOnly = await template(active, "browser", {});
    const doneAt = new Date("2017-02-18T10:00:00Z");
    type Tick = [template: { id: string; campaignId: string }, done: boolean, note?: string];
    const complete: Tick[] = [[plain, true], [verify, true, "Login History clean since 2017-02-10"], [optional, false], [retired, false], [elsewhere, false]];
    const STATES: Record<string, { category: "api" | "browser"; ticks: Tick[]; legacyLoginAt?: Date; belowFloorLoginAt?: Date }> = {
      none: { category: "api", ticks: [] },
      partial: { category: "api", ticks: [[plain, true], [verify, false], [optional, true]] },
      complete: { category: "api", ticks: complete },
      withoutEvidence: { category: "api", ticks: [[plain, true], [verify, true]] },
      loginAfter: { category: "api", ticks: complete, legacyLoginAt: new Date("2017-02-19T08:00:00Z") },
      loginBefore: { category: "api", ticks: complete, legacyLoginAt: new Date("2017-02-17T08:00:00Z") },
      noVerificationStep: { category: "browser", ticks: [[browserOnly, true]] },
      // Login History still shows it below the floor: with no checklist, half of one, or one completed after.
      inUse: { category: "api", ticks: [], belowFloorLoginAt: new Date("2017-02-17T08:00:00Z") },
      inUsePartial: { category: "api", ticks: [[plain, true], [verify, false], [optional, true]], belowFloorLoginAt: new Date("2017-02-17T08:00:00Z") },
      inUseComplete: { category: "api", ticks: complete, belowFloorLoginAt: new Date("2017-02-17T08:00:00Z") },
      inUseAfterComplete: { category: "api", ticks: complete, legacyLoginAt: new Date("2017-02-19T08:00:00Z"), belowFloorLoginAt: new Date("2017-02-19T08:00:00Z") },
    };
    const tag = unique("checklist-verdict");
    let n = 0;
    for (const status of STATUSES)
      for (const endpoint of [true, false])
        for (const override of [null, "TLSv1_1"] as const)
          for (const evidence of endpoint ? EVIDENCE.slice(0, 7) : [null])
            for (const state of Object.values(STATES)) {
              const row = await makeIntegration({ name: `${tag}-${n++}`, category: state.category, status, endpointHost: endpoint ? "h.example.com" : null });
              await db.integration.update({
                where: { id: row.id },
                data: { legacyLoginAt: state.legacyLoginAt ?? null, belowFloorLoginAt: state.belowFloorLoginAt ?? null, ...(override ? { overrideReady: true, overrideReason: "checked by hand", overrideById: admin.id, overrideFloor: override, overrideAt: new Date("2017-02-18T00:00:00Z") } : {}) },
              });
              await db.checklistItem.createMany({
                data: state.ticks.map(([t, done, note]) => ({
                  templateId: t.id, campaignId: t.campaignId, integrationId: row.id, done, doneAt: done ? doneAt : null, note: note ?? null, createdAt: at, updatedAt: at,
                })),
              });
              if (evidence) {
                const p = await db.probe.create({
                  data: { integrationId: row.id, host: "h.example.com", port: 443, floor: "TLSv1_1", status: "done", queuedAt: at, finishedAt: at, ...evidence },
                });
                await db.integration.update({ where: { id: row.id }, data: { latestProbeId: p.id } });
              }
            }
    const seen = new Set<string>();
    await expectSqlMatchesTs(admin, tag, n, seen);
    expect(seen).toContain("ready/checklist");
    expect(seen).toContain("ready/declared");
    expect(seen).toContain("ready/proven");
    expect(seen).toContain("not_ready/null");
    expect(seen).toContain("unverified/null");

    // Spot checks of what the comparison rests on, at the active floor.
    const verdictOf = async (state: string, where: { endpoint: boolean; status?: string; override?: boolean }) => {
      const list = await queryList(listQuerySchema.parse({ q: tag, pageSize: "1000" }), admin, { floor: "TLSv1.1", now: new Date() });
      const names = new Set<string>();
      let i = 0;
      for (const status of STATUSES)
        for (const endpoint of [true, false])
          for (const override of [false, true])
            for (const evidence of endpoint ? EVIDENCE.slice(0, 7) : [null])
              for (const key of Object.keys(STATES)) {
                const name = `${tag}-${i++}`;
                if (key === state && endpoint === where.endpoint && status === (where.status ?? "in_progress") && override === (where.override ?? false) && evidence === null) names.add(name);
              }
      return list.data.filter((r) => names.has(r.name)).map((r) => r.readiness);
    };
    expect(await verdictOf("complete", { endpoint: false })).toMatchObject([{ verdict: "ready", basis: "checklist" }]);
    expect(await verdictOf("loginBefore", { endpoint: false })).toMatchObject([{ verdict: "ready", basis: "checklist" }]);
    expect(await verdictOf("loginAfter", { endpoint: false })).toMatchObject([{ verdict: "not_ready", basis: null }]);
    for (const state of ["none", "partial", "withoutEvidence", "noVerificationStep"]) {
      expect(await verdictOf(state, { endpoint: false }), state).toMatchObject([{ verdict: "unverified" }]);
    }
    for (const state of ["inUse", "inUsePartial", "inUseAfterComplete"]) {
      expect(await verdictOf(state, { endpoint: false }), state).toMatchObject([{ verdict: "not_ready", basis: null }]);
    }
    expect(await verdictOf("inUseComplete", { endpoint: false })).toMatchObject([{ verdict: "ready", basis: "checklist" }]);
    expect(await verdictOf("complete", { endpoint: true })).toMatchObject([{ verdict: "not_probed", warnings: ["Checklist complete, waiting for proof: probe its endpoint."] }]);
    expect(await verdictOf("complete", { endpoint: false, status: "retired" })).toMatchObject([{ verdict: "retired" }]);
    expect(await verdictOf("complete", { endpoint: false, override: true })).toMatchObject([{ verdict: "ready", basis: "declared" }]);
    // Declared on 18 Feb: Login History below the floor on the 17th leaves it standing, on the 19th contradicts it.
    expect(await verdictOf("inUse", { endpoint: false, override: true })).toMatchObject([{ verdict: "ready", basis: "declared" }]);
    expect(await verdictOf("inUseAfterComplete", { endpoint: false, override: true })).toMatchObject([{ verdict: "not_ready", basis: null }]);
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
      checklist: null,
      legacyLoginAt: null,
      belowFloorLoginAt: null,
      override: null,
      probe: { ...latest, errorMessage: null, finishedAt: latest.finishedAt!, acceptsTls10: null },
      floor: "TLSv1.1",
      now: new Date(),
    });
    expect(readiness.verdict).toBe("certificate");
  });
});
