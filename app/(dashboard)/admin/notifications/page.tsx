import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table";
import { requirePage } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { formatDay, formatInstant } from "@/lib/format";
import { listLeadTimes } from "@/lib/notifications/lead-times";
import { listWebhooks } from "@/lib/notifications/webhooks";
import { AddWebhookForm } from "./add-webhook-form";
import { LeadTimesForm } from "./lead-times-form";
import { WebhookActions } from "./webhook-actions";

export const metadata: Metadata = { title: "Notifications" };

/** The mail server's host, never its credentials. */
function mailServer(): string | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

export default async function NotificationsPage() {
  const actor = await requirePage("notifications.manage", "/admin/notifications");
  const [webhooks, campaigns] = await Promise.all([listWebhooks(actor), listLeadTimes(actor)]);
  const smtp = mailServer();
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            Owners get reminder digests before each milestone; owners and admins hear of regressions; managers get a summary every Monday. Each
            person chooses on their profile which of these they get. Every message and webhook call is in the{" "}
            <Link href="/admin/deliveries" className="text-blue-800 underline">
              delivery log
            </Link>
            .
          </>
        }
      />
      <div className="mb-6">
        {smtp ? (
          <Alert kind="info" title="Email">
            Sent through {smtp} from {env().MAIL_FROM}.
          </Alert>
        ) : (
          <Alert kind="warning" title="Email is not configured">
            Set <code>SMTP_URL</code> (and <code>MAIL_FROM</code>) for the web server and the workers; until then emails are recorded in the delivery log as
            failed with this reason, and webhooks still work.
          </Alert>
        )}
      </div>
      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <CardHeader title="Webhooks" description="Each receives a signed JSON payload for every regression and weekly summary, with a Slack-compatible text field." />
          {webhooks.length === 0 ? (
            <CardBody>
              <EmptyState title="No webhooks yet">Add one on the right (a Slack incoming webhook, a chat bot, your own receiver), then send it a test.</EmptyState>
            </CardBody>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <TableHead columns={["Name", "URL", "Added", "State", ""]} />
                <tbody className="divide-y divide-slate-100">
                  {webhooks.map((w) => (
                    <tr key={w.id} data-testid="webhook-row">
                      <td className="px-5 py-2.5 font-medium">{w.name}</td>
                      <td className="max-w-xs truncate px-3 py-2.5 font-mono text-xs text-slate-700" title={w.url}>
                        {w.url}
                      </td>
                      <td className="px-3 py-2.5 text-slate-600">
                        {formatInstant(w.createdAt)}
                        {w.createdBy ? ` by ${w.createdBy.name}` : ""}
                      </td>
                      <td className="px-3 py-2.5">{w.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>}</td>
                      <td className="px-5 py-2.5 text-right">
                        <WebhookActions id={w.id} name={w.name} enabled={w.enabled} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card>
          <CardHeader title="Add a webhook" description="The signing secret is shown once; receivers use it to check the X-TRB-Signature header." />
          <CardBody>
            <AddWebhookForm />
          </CardBody>
        </Card>
      </div>
      <div className="mt-6">
        <Card>
          <CardHeader title="Reminder lead times" description="Days before each milestone on which owners with open work get a digest (on the board's clock)." />
          {campaigns.length === 0 ? (
            <CardBody>
              <EmptyState title="No campaigns yet">
                <Link href="/campaigns/new" className="text-blue-800 underline">
                  Create a campaign
                </Link>{" "}
                with its milestones first.
              </EmptyState>
            </CardBody>
          ) : (
            <CardBody className="space-y-5">
              {campaigns.map((c) => (
                <div key={c.id}>
                  <p className="text-sm font-medium">{c.name}</p>
                  <p className="mb-2 text-xs text-slate-600">
                    {c.milestones.length ? `Milestones: ${c.milestones.map((m) => `${m.name} (${formatDay(m.dueAt)})`).join(", ")}` : "No milestones yet: nothing to remind of."}
                  </p>
                  <LeadTimesForm campaignId={c.id} campaignName={c.name} leadDays={c.reminderLeadDays} />
                </div>
              ))}
            </CardBody>
          )}
        </Card>
      </div>
    </>
  );
}
