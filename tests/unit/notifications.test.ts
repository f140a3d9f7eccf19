// The pure parts of notifications: which lead time is current, certificate windows, the burn-down
// sentence (the charts' own), one template rendered as HTML and text (escaped), webhook signatures.
import { describe, expect, it } from "vitest";
import { currentLead } from "@/lib/notifications/occasions/reminders";
import { loginHistoryRegression, regressionsOf } from "@/lib/notifications/occasions/regressions";
import { burnDownSentence } from "@/lib/notifications/occasions/weekly";
import { burndown, projectionSentence } from "@/lib/history/projection";
import { render, reminderMessage } from "@/lib/notifications/messages";
import { signPayload, verifySignature } from "@/lib/notifications/signature";

const DAY = 86_400_000;
const AT = new Date("2017-02-20T09:00:00Z");
const days = (n: number) => new Date(AT.getTime() + n * DAY);

describe("currentLead", () => {
  it("is the smallest lead whose moment has passed, and none once the milestone is past", () => {
    expect(currentLead(days(20), [14, 7, 3, 1], AT)).toBeNull();
    expect(currentLead(days(14), [14, 7, 3, 1], AT)).toBe(14);
    expect(currentLead(days(12), [14, 7, 3, 1], AT)).toBe(14);
    expect(currentLead(days(2), [14, 7, 3, 1], AT)).toBe(3);
    expect(currentLead(days(0.5), [14, 7, 3, 1], AT)).toBe(1);
    expect(currentLead(days(0), [14, 7, 3, 1], AT)).toBeNull();
    expect(currentLead(days(2), [], AT)).toBeNull();
  });
});

describe("regressionsOf", () => {
  const base = {
    id: "i1", name: "Rates", ownerId: null, ownerName: null, probeId: "p2", finishedAt: days(-1), handshakeVersion: "TLSv1.2" as const,
    errorKind: null, errorMessage: null, certProblem: null, certNotAfter: null, prevHandshakeVersion: "TLSv1.2" as const, prevErrorKind: null,
    prevCertProblem: null, prevFinishedAt: days(-8),
  };
  it("puts a certificate in the smallest window it is within, or expired", () => {
    const window = (left: number) => regressionsOf({ ...base, certNotAfter: days(left) }, "TLSv1.1", AT, AT).map((r) => r.occasion.split(":").at(-1));
    expect(window(45)).toEqual([]);
    expect(window(30)).toEqual(["30"]);
    expect(window(20)).toEqual(["30"]);
    expect(window(10)).toEqual(["14"]);
    expect(window(7)).toEqual(["7"]);
    expect(window(-1)).toEqual(["expired"]);
  });
  it("finds a lost floor only against a previous probe that met it, and not in old history", () => {
    const lost = { ...base, handshakeVersion: "TLSv1" as const };
    expect(regressionsOf(lost, "TLSv1.1", AT, AT).map((r) => r.kind)).toEqual(["floor_lost"]);
    expect(regressionsOf({ ...lost, prevHandshakeVersion: "TLSv1" }, "TLSv1.1", AT, AT)).toEqual([]);
    expect(regressionsOf({ ...lost, prevFinishedAt: null }, "TLSv1.1", AT, AT)).toEqual([]);
    expect(regressionsOf({ ...lost, finishedAt: days(-30) }, "TLSv1.1", AT, AT)).toEqual([]);
  });
});

describe("loginHistoryRegression", () => {
  it("is keyed by the integration and the sign-in, and says when the checklist was completed", () => {
    const row = { id: "i1", name: "Loader", ownerId: "u1", ownerName: "Ann", completedAt: days(-3), legacyLoginAt: days(-1) };
    const r = loginHistoryRegression(row);
    expect(r).toMatchObject({ kind: "login_history", occasion: "regression:login_history:i1:2017-02-19T09:00:00.000Z", integration: { id: "i1", ownerId: "u1" } });
    expect(r.detail).toContain("completed on 2017-02-17, but Login History shows a sign-in over TLS 1.0 on 2017-02-19");
    expect(loginHistoryRegression({ ...row, legacyLoginAt: days(0) }).occasion).not.toBe(r.occasion);
  });
});

describe("burnDownSentence", () => {
  // Ten integrations a week before the demo's Monday, seven left yesterday: half a one a day.
  const points = [
    { date: "2017-02-13", notReady: 10, ready: 0, total: 10 },
    { date: "2017-02-19", notReady: 7, ready: 3, total: 10 },
  ];
  it("is the sentence under the charts' burn-down, or says why the chart has none", () => {
    const { data, projection } = burndown(points, { start: "2017-02-13", milestone: "2017-03-04", today: "2017-02-20" });
    expect(projection).toEqual({ readyOn: "2017-03-05", daysLate: 1, pacePerDay: 0.5 });
    const sentence = projectionSentence(projection, "the production cutoff");
    expect(burnDownSentence({ data, sentence })).toBe("At this pace ready on 2017-03-05, 1 day after the production cutoff.");
    expect(burnDownSentence({ data: [], sentence: null })).toBe("No daily snapshots yet, so no pace to project: the burn-down starts with the first one, taken each night.");
    expect(burnDownSentence({ data, sentence: null })).toBe("The campaign has no milestone to measure the pace against: add one to see when it will be ready.");
  });
});

describe("one template, two renderings", () => {
  it("says the same in HTML and text, and escapes what people typed", () => {
    const message = reminderMessage({
      baseUrl: "https://b.example",
      recipientName: "Ann <script>",
      campaignName: "C",
      milestone: { name: "Cutoff", dueAt: days(3) },
      daysLeft: 3,
      integrations: [{ id: "i1", name: "A & B", verdictLabel: "Not ready", reason: "Below the floor.", openItems: ["Upgrade"] }],
    });
    const { html, text } = render(message);
    expect(html).toContain("Hello Ann &lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain('<a href="https://b.example/integrations/i1" style="color:#1d4ed8">A &amp; B</a>');
    expect(text).toContain("- A & B <https://b.example/integrations/i1> — Not ready");
    expect(text).toContain("  ☐ Upgrade");
    expect(text).toContain("My work <https://b.example/my-work>");
  });
});

describe("webhook signatures", () => {
  it("verify the body and timestamp they were made for, within the tolerance", () => {
    const signature = signPayload("s3cret", 1_700_000_000, '{"a":1}');
    const ok = { secret: "s3cret", body: '{"a":1}', signature, timestamp: "1700000000", nowSeconds: 1_700_000_100 };
    expect(verifySignature(ok)).toBe(true);
    expect(verifySignature({ ...ok, body: '{"a":2}' })).toBe(false);
    expect(verifySignature({ ...ok, timestamp: "1700000001" })).toBe(false);
    expect(verifySignature({ ...ok, nowSeconds: 1_700_000_301 })).toBe(false);
    expect(verifySignature({ ...ok, signature: undefined })).toBe(false);
  });
});
