import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { RunTable } from "@/components/probes/run-table";
import { requirePage } from "@/lib/auth/session";
import { canAny } from "@/lib/auth/permissions";
import { recentRuns } from "@/lib/probes/read";

export const metadata: Metadata = { title: "Probe runs" };

export default async function ProbeRunsPage() {
  const actor = await requirePage("probes.read", "/probe-runs");
  const runs = await recentRuns(actor);
  return (
    <>
      <PageHeader
        title="Probe runs"
        description="Each run probes one or many endpoints with real TLS handshakes. Scheduled re-probes run here too (the interval is in Settings). Results are judged against the active campaign's floor."
      />
      {runs.length === 0 ? (
        <EmptyState
          title="No probes have run yet"
          actions={canAny(actor, "probes.run") ? <ButtonLink href="/integrations?endpoint=yes">Choose endpoints to probe</ButtonLink> : null}
        >
          Select integrations with an endpoint in the inventory and choose Probe, or open one and choose Probe now.
        </EmptyState>
      ) : (
        <Card>
          <RunTable runs={runs} />
        </Card>
      )}
    </>
  );
}
