// What a service that does not speak TLS sends instead (an SSH banner, an SMTP refusal) is stored
// with its probe as evidence, and shown to admins only: members and managers read every probe and
// every verdict without it, in each API that carries one. Real servers on loopback, the real queue
// and an in-process worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { enqueueProbes } from "@/lib/probes/enqueue";
import { startWorker, type Worker } from "@/lib/jobs/host";
import { stopQueue } from "@/lib/jobs/queue";
import { GET as probeRoute } from "@/app/api/v1/probes/[id]/route";
import { GET as historyRoute } from "@/app/api/v1/integrations/[id]/probes/route";
import { GET as listRoute } from "@/app/api/v1/integrations/route";
import { GET as exportRoute } from "@/app/api/v1/integrations/export/route";
import { GET as boardRoute } from "@/app/api/v1/board/route";
import { startSmtpServer, startTcpServer, type RunningServer } from "@/lib/tls-probe/testing/servers";
import { call } from "../support/api";
import { makeIntegration, makeToken, makeUser, unique } from "../support/factories";

process.env.PROBE_ALLOWED_RANGES = "127.0.0.0/8";
process.env.PROBE_TIMEOUT_MS = "3000";

const SSH_BANNER = "SSH-2.0-OpenSSH_7.4 build-4711-internal";
const SMTP_REFUSAL = "454 4.7.0 TLS not available on relay-7.corp.internal";

let ssh: RunningServer;
let smtp: RunningServer;
let worker: Worker;
const tokens = {} as Record<Role, string>;
const probed: { name: string; integrationId: string; probeId: string; secret: string }[] = [];

beforeAll(async () => {
  ssh = await startTcpServer({ behavior: "banner", banner: `${SSH_BANNER}\r\n` });
  smtp = await startSmtpServer({ starttlsReply: SMTP_REFUSAL });
  const owner = await makeUser();
  tokens.MEMBER = await makeToken(owner);
  tokens.MANAGER = await makeToken(await makeUser({ role: "MANAGER" }));
  const admin = await makeUser({ role: "ADMIN" });
  tokens.ADMIN = await makeToken(admin);
  worker = await startWorker({ url: process.env.DATABASE_URL!, probeConcurrency: 2, schedules: false });
  for (const [server, starttls, secret] of [
    [ssh, "none", "OpenSSH_7.4 build-4711-internal"],
    [smtp, "smtp", "relay-7.corp.internal"],
  ] as const) {
    const name = unique("banner");
    const row = await makeIntegration({ name, category: "email_relay", ownerId: owner.id, endpointHost: server.host, endpointPort: server.port, starttls });
    const run = await enqueueProbes(owner, { integrationIds: [row.id] }, "single", "One integration");
    probed.push({ name, integrationId: row.id, probeId: run.probeIds[0], secret });
  }
  const deadline = Date.now() + 30_000;
  while ((await db.probe.count({ where: { id: { in: probed.map((p) => p.probeId) }, status: "done" } })) < probed.length) {
    if (Date.now() > deadline) throw new Error("the probes did not finish");
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  await worker.stop();
  await stopQueue();
  await Promise.all([ssh.close(), smtp.close()]);
});

describe("what a non-TLS service sent", () => {
  it("is stored with the probe, as evidence", async () => {
    const stored = await db.probe.findMany({ where: { id: { in: probed.map((p) => p.probeId) } }, select: { errorKind: true, result: true } });
    expect(stored.map((p) => p.errorKind).sort()).toEqual(["not_tls", "starttls_failed"]);
    const text = JSON.stringify(stored);
    for (const p of probed) expect(text).toContain(p.secret);
  });

  for (const role of ROLES) {
    const sees = role === "ADMIN";
    it(`is ${sees ? "shown to" : "kept from"} ${role.toLowerCase()}s in every API that carries a probe or a verdict`, async () => {
      const token = tokens[role];
      for (const p of probed) {
        const check = (what: string, body: unknown) => {
          const text = typeof body === "string" ? body : JSON.stringify(body);
          if (sees) expect(text, what).toContain(p.secret);
          else {
            expect(text, what).not.toContain(p.secret);
            expect(text, what).toContain("what it sent is shown to admins only");
          }
        };
        const probe = await call(probeRoute, { token, params: { id: p.probeId } });
        expect(probe.status).toBe(200);
        expect(probe.json.result.error.kind).toMatch(/not_tls|starttls_failed/);
        check("GET /api/v1/probes/:id", probe.json);
        const history = await call(historyRoute, { token, params: { id: p.integrationId } });
        expect(history.json.data).toHaveLength(1);
        check("GET /api/v1/integrations/:id/probes", history.json);
        const list = await call(listRoute, { token, path: `/api/v1/integrations?q=${p.name}` });
        expect(list.json.data).toHaveLength(1);
        expect(list.json.data[0].readiness.verdict).toBe("unreachable");
        check("GET /api/v1/integrations", list.json);
        const board = await call(boardRoute, { token, path: "/api/v1/board?pageSize=200&category=email_relay" });
        expect(board.status).toBe(200);
        check("GET /api/v1/board", board.json);
        const csv = await call(exportRoute, { token, path: `/api/v1/integrations/export?q=${p.name}` });
        expect(csv.status).toBe(200);
        check("GET /api/v1/integrations/export", csv.json);
      }
    });
  }
});
