// The demo's probe history: real probes of the demo endpoints (they must be running), stored as
// last week's scheduled re-probe, before the demo clock's start.
import { db } from "@/lib/db";
import { DEFAULT_FLOOR, probeMany, type ProbeResult } from "@/lib/tls-probe";
import { toEnum } from "@/lib/tls-probe/versions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { probeFacts } from "@/lib/probes/facts";

const RUN_AT = new Date("2017-02-13T03:15:00Z");
// Left for a newcomer to probe themselves.
const NOT_YET_PROBED = new Set(["Community SSO (SAML IdP)"]);

export async function seedDemoProbes(caPem: string): Promise<void> {
  const integrations = (await db.integration.findMany({ where: { endpointHost: { not: null } }, orderBy: { name: "asc" } })).filter((i) => !NOT_YET_PROBED.has(i.name));
  const results = await probeMany(
    integrations.map((i) => ({ host: i.endpointHost!, port: i.endpointPort!, sni: i.sni ?? undefined, starttls: i.starttls })),
    { timeoutMs: 3000, floor: DEFAULT_FLOOR, policy: { allowedRanges: ["127.0.0.0/8", "::1/128"] }, caBundle: caPem, concurrency: 16 },
  );
  const run = await db.probeRun.create({ data: { kind: "scheduled", label: "Scheduled re-probe of every endpoint", total: integrations.length, createdAt: RUN_AT } });
  for (const [n, i] of integrations.entries()) {
    const result: ProbeResult = results[n];
    const finishedAt = new Date(RUN_AT.getTime() + 2000 + n * 350);
    const probe = await db.probe.create({
      data: {
        integrationId: i.id,
        runId: run.id,
        status: "done",
        host: i.endpointHost!,
        port: i.endpointPort!,
        sni: i.sni,
        starttls: i.starttls,
        floor: toEnum(DEFAULT_FLOOR),
        attempts: 1,
        queuedAt: RUN_AT,
        startedAt: RUN_AT,
        finishedAt,
        result: result as unknown as Prisma.InputJsonValue,
        ...probeFacts(result),
      },
    });
    await db.integration.update({ where: { id: i.id }, data: { latestProbeId: probe.id } });
  }
}
