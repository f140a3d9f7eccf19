import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatInstant } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { getProbeSettings } from "@/lib/probes/settings-admin";
import { ProbeSettingsForm } from "./probe-settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePage("settings.manage", "/admin/settings");
  const settings = await getProbeSettings(actor);
  return (
    <>
      <PageHeader title="Settings" description="How probes reach endpoints: which internal addresses they may connect to, which certificate authorities they trust, and how often every endpoint is probed again." />
      <Card className="max-w-3xl">
        <CardHeader title="Probes" description={`Each probe is bounded by one timeout of ${settings.timeoutMs / 1000} s (PROBE_TIMEOUT_MS).`} />
        <CardBody className="space-y-4">
          <p className="text-sm text-slate-700">
            Last scheduled re-probe:{" "}
            {settings.lastScheduled ? (
              <Link className="text-blue-800 underline" href={`/probe-runs/${settings.lastScheduled.id}`}>
                {formatInstant(settings.lastScheduled.createdAt)}, {settings.lastScheduled.total} endpoints
              </Link>
            ) : (
              "none yet"
            )}
            .{" "}
            {settings.nextScheduled
              ? `Next: ${formatInstant(settings.nextScheduled)} (the app's clock; daily runs at 03:15, weekly on Mondays).`
              : "Scheduled re-probes are off."}
          </p>
          <ProbeSettingsForm initial={settings} />
        </CardBody>
      </Card>
    </>
  );
}
