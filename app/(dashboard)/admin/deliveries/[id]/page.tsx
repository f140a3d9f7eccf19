import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { isUuid, NotFoundError } from "@/lib/errors";
import { formatInstant } from "@/lib/format";
import { getDelivery } from "@/lib/notifications/log";
import { DELIVERY_KIND_LABEL, type DeliveryKind } from "@/lib/notifications/kinds";
import { DeliveryStatus } from "../delivery-status";
import { RetryButton } from "../retry-button";

export const metadata: Metadata = { title: "Delivery" };

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("notifications.manage", `/admin/deliveries/${id}`);
  if (!isUuid(id)) notFound();
  const d = await getDelivery(actor, id).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const facts: [string, React.ReactNode][] = [
    ["Kind", DELIVERY_KIND_LABEL[d.kind as DeliveryKind] ?? d.kind],
    ["To", d.channel === "email" ? `${d.user?.name ?? ""} <${d.recipient}>` : `${d.webhook?.name ?? "Deleted webhook"} · ${d.recipient}`],
    ["Status", <DeliveryStatus key="s" status={d.status} answer={d.lastAnswer} />],
    ["Attempts", d.attempts],
    ["Recorded", formatInstant(d.createdAt)],
    ["Last attempt", d.lastAttemptAt ? formatInstant(d.lastAttemptAt) : "not yet"],
    ["Occasion", <code key="o" className="break-all text-xs">{d.occasionKey}</code>],
  ];
  return (
    <>
      <PageHeader
        title={d.subject}
        description={
          <Link href="/admin/deliveries" className="text-blue-800 underline">
            Back to the delivery log
          </Link>
        }
        actions={d.status === "failed" ? <RetryButton id={d.id} /> : null}
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card>
          <CardHeader title="Delivery" />
          <CardBody>
            <dl className="space-y-2 text-sm">
              {facts.map(([label, value]) => (
                <div key={label}>
                  <dt className="text-xs font-medium text-slate-500">{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
        <div className="space-y-6 xl:col-span-2">
          {d.htmlBody ? (
            <Card>
              <CardHeader title="As the recipient sees it" description="The HTML part, shown without scripts or outside content." />
              <iframe title={`The message “${d.subject}”`} sandbox="" srcDoc={d.htmlBody} className="h-[32rem] w-full border-t border-slate-200 bg-white" />
            </Card>
          ) : null}
          <Card>
            <CardHeader title={d.channel === "email" ? "Plain-text part" : "Text"} />
            <CardBody>
              <pre className="whitespace-pre-wrap break-words text-sm" data-testid="delivery-text">
                {d.textBody}
              </pre>
            </CardBody>
          </Card>
          {d.payload ? (
            <Card>
              <CardHeader title="JSON payload" description="The body of the POST, signed in the X-TRB-Signature header." />
              <CardBody>
                <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs" data-testid="delivery-payload">
                  {JSON.stringify(d.payload, null, 2)}
                </pre>
              </CardBody>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
