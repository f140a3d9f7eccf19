// The messages, one template each. Each returns the email (subject and document, rendered to HTML
// and text by ./template.ts) and the webhook event built from the same words.
import { renderHtml, renderText, type Block, type Inline, type MessageDocument } from "./template";
import type { DeliveryKind } from "./kinds";
import type { Projection } from "@/lib/history/projection";

export interface Message {
  kind: DeliveryKind;
  /** The webhook event name, e.g. "reminder.digest". */
  event: string;
  subject: string;
  document: MessageDocument;
  /** Facts for a webhook receiver, beside the Slack-compatible `text`. */
  data: Record<string, unknown>;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export function render(message: Message): Rendered {
  return { subject: message.subject, text: renderText(message.document), html: renderHtml(message.document) };
}

/** The JSON a webhook receives: the event, a Slack-compatible `text`, and the facts. */
export function webhookPayload(message: Message, sentAt: Date): Record<string, unknown> {
  return { event: message.event, text: `${message.subject}\n${renderText({ ...message.document, title: "", footer: [] }).trim()}`, sentAt: sentAt.toISOString(), data: message.data };
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function footer(baseUrl: string, why: string): Inline[] {
  return [`${why} Choose which messages you get on `, { link: `${baseUrl}/profile`, text: "your profile" }, "."];
}

export interface DigestIntegration {
  id: string;
  name: string;
  verdictLabel: string;
  reason: string;
  openItems: string[];
}

export interface ReminderInput {
  baseUrl: string;
  recipientName: string;
  campaignName: string;
  milestone: { name: string; dueAt: Date };
  /** Whole days left, rounded down as the board's countdown does ("12 days 8 hours"). */
  daysLeft: number;
  integrations: DigestIntegration[];
  /** Open items of the campaign's own checklist: in admins' digests, who tick them. */
  campaignItems?: string[];
}

export function reminderMessage(input: ReminderInput): Message {
  const { milestone, daysLeft, integrations } = input;
  const campaignItems = input.campaignItems ?? [];
  const openCount = integrations.reduce((n, i) => n + i.openItems.length, 0);
  const when = daysLeft < 1 ? "within a day" : `in ${plural(daysLeft, "day")}`;
  const subject = integrations.length
    ? `${milestone.name} ${when}: ${plural(integrations.length, "integration")} of yours ${integrations.length === 1 ? "needs" : "need"} work`
    : `${milestone.name} ${when}: ${plural(campaignItems.length, "open item")} on the campaign's checklist`;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      parts: [
        `Hello ${input.recipientName}, the “${milestone.name}” milestone of ${input.campaignName} is ${when} (${day(milestone.dueAt)}).`,
        integrations.length
          ? ` You own ${plural(integrations.length, "integration")} that ${integrations.length === 1 ? "is" : "are"} not ready or ${integrations.length === 1 ? "has" : "have"} open checklist items (${plural(openCount, "open item")}).`
          : "",
      ],
    },
  ];
  if (integrations.length) {
    blocks.push({
      kind: "list",
      items: integrations.map((i) => ({
        title: [{ link: `${input.baseUrl}/integrations/${i.id}`, text: i.name }, ` — ${i.verdictLabel}`],
        lines: [i.reason, ...i.openItems.map((t) => `☐ ${t}`)],
      })),
    });
  }
  if (campaignItems.length) {
    blocks.push({ kind: "heading", text: "The campaign's own checklist" }, { kind: "list", items: campaignItems.map((t) => ({ title: [`☐ ${t}`] })) });
  }
  blocks.push({ kind: "paragraph", parts: ["Everything you have to do is on ", { link: `${input.baseUrl}/my-work`, text: "My work" }, "."] });
  return {
    kind: "reminder",
    event: "reminder.digest",
    subject,
    document: { title: subject, blocks, footer: footer(input.baseUrl, "You get this because you have open work in this campaign.") },
    data: {
      campaign: input.campaignName,
      milestone: { name: milestone.name, dueAt: milestone.dueAt.toISOString() },
      daysLeft,
      integrations: integrations.map((i) => ({ id: i.id, name: i.name, verdict: i.verdictLabel, reason: i.reason, openItems: i.openItems })),
      campaignItems,
    },
  };
}

export type RegressionKind = "floor_lost" | "unreachable" | "certificate_expiring" | "certificate_expired" | "login_history";

export interface RegressionInput {
  baseUrl: string;
  kind: RegressionKind;
  integration: { id: string; name: string; ownerName: string | null };
  /** One sentence: what changed, with the evidence (dates, versions). */
  detail: string;
}

const REGRESSION_TITLE: Record<RegressionKind, string> = {
  floor_lost: "no longer meets the floor",
  unreachable: "became unreachable",
  certificate_expiring: "has a certificate about to expire",
  certificate_expired: "has an expired certificate",
  login_history: "is contradicted by Login History",
};

export function regressionMessage(input: RegressionInput): Message {
  const subject = `Regression: ${input.integration.name} ${REGRESSION_TITLE[input.kind]}`;
  const link = `${input.baseUrl}/integrations/${input.integration.id}`;
  return {
    kind: "regression",
    event: `regression.${input.kind}`,
    subject,
    document: {
      title: subject,
      blocks: [
        { kind: "paragraph", parts: [input.detail] },
        { kind: "paragraph", parts: [`Owner: ${input.integration.ownerName ?? "nobody"}. See the evidence on `, { link, text: input.integration.name }, "."] },
      ],
      footer: footer(input.baseUrl, "You get this because you own this integration or administer the board."),
    },
    data: { kind: input.kind, integration: { id: input.integration.id, name: input.integration.name, owner: input.integration.ownerName }, detail: input.detail },
  };
}

export interface SummaryInput {
  baseUrl: string;
  /** Empty for a webhook (a channel, not a person). */
  recipientName: string;
  campaignName: string;
  weekOf: Date;
  ready: number;
  inPlay: number;
  /** The /charts burn-down's sentence ("At this pace ready on …") or why there is no pace yet. */
  burnDown: string;
  /** The burn-down's projection behind that sentence (as /api/v1/charts/burndown gives it); null without snapshots. */
  projection: Projection | null;
  moved: string[];
  atRisk: { id: string; name: string; ownerName: string | null; verdictLabel: string }[];
  /** How many are at risk in all (the list shows the first few). */
  atRiskTotal: number;
}

export function weeklySummaryMessage(input: SummaryInput): Message {
  const subject = `Weekly summary: ${input.ready} of ${input.inPlay} ready — ${input.campaignName}`;
  const blocks: Block[] = [
    { kind: "paragraph", parts: [`${input.recipientName ? `Hello ${input.recipientName}, the` : "The"} week of ${day(input.weekOf)}: `, { strong: `${input.ready} of ${input.inPlay}` }, ` integrations in play are ready. ${input.burnDown}`] },
    { kind: "heading", text: "What moved" },
    input.moved.length ? { kind: "list", items: input.moved.map((m) => ({ title: [m] })) } : { kind: "paragraph", parts: ["Nothing moved in the last seven days."] },
    { kind: "heading", text: input.atRiskTotal > input.atRisk.length ? `At risk (${input.atRisk.length} of ${input.atRiskTotal} shown)` : "At risk" },
    input.atRisk.length
      ? {
          kind: "list",
          items: input.atRisk.map((r) => ({ title: [{ link: `${input.baseUrl}/integrations/${r.id}`, text: r.name }, ` — ${r.verdictLabel}, owner ${r.ownerName ?? "nobody"}`] })),
        }
      : { kind: "paragraph", parts: ["Nothing is at risk: every integration in play is ready."] },
  ];
  return {
    kind: "weekly_summary",
    event: "summary.weekly",
    subject,
    document: { title: subject, blocks, footer: footer(input.baseUrl, "You get this because you are a manager on the board.") },
    data: { campaign: input.campaignName, weekOf: day(input.weekOf), ready: input.ready, inPlay: input.inPlay, burnDown: input.burnDown, projection: input.projection, moved: input.moved, atRisk: input.atRisk, atRiskTotal: input.atRiskTotal },
  };
}

export function testMessage(webhookName: string, by: string, at: Date): Message {
  const subject = `Test call to “${webhookName}”`;
  return {
    kind: "test",
    event: "test",
    subject,
    document: { title: subject, blocks: [{ kind: "paragraph", parts: [`${by} sent this test from the TLS Readiness Board at ${at.toISOString()}. If you can read it, the webhook works.`] }], footer: [] },
    data: { webhook: webhookName, by },
  };
}
