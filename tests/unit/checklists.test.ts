import { describe, expect, it } from "vitest";
import { evidenceProblem, moveTo } from "@/lib/checklists/rules";
import { boardQuery, createTemplateInput, templateChanges, tickInput } from "@/lib/checklists/schemas";
import { DEFAULT_CAMPAIGN_ITEMS, DEFAULT_TEMPLATES } from "@/lib/checklists/default-templates";
import { CATEGORIES, CATEGORY_INFO } from "@/lib/integrations/categories";

const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("the evidence a tick needs", () => {
  const link = { title: "Confirm in Login History", evidence: "link" as const };
  const note = { title: "Test page", evidence: "note" as const };

  it("names the missing field of a verification item", () => {
    expect(evidenceProblem(link, { done: true })?.fields).toEqual({ evidenceUrl: "is required: link to the evidence for this verification item" });
    expect(evidenceProblem(link, { done: true, note: "checked" })?.message).toContain("“Confirm in Login History” needs a link");
    expect(evidenceProblem(note, { done: true, evidenceUrl: "https://x.example" })?.fields).toEqual({ note: "is required: say how this was verified" });
  });

  it("accepts the evidence, any tick of an item that needs none, and every untick", () => {
    expect(evidenceProblem(link, { done: true, evidenceUrl: "https://x.example/report" })).toBeNull();
    expect(evidenceProblem(note, { done: true, note: "from the IT laptop, IE 11" })).toBeNull();
    expect(evidenceProblem({ title: "x", evidence: "none" }, { done: true })).toBeNull();
    expect(evidenceProblem(link, { done: false })).toBeNull();
  });
});

describe("moving an item", () => {
  it("puts it at the 1-based position among the others, clamped to the list", () => {
    expect(moveTo(["a", "b", "c"], "c", 1)).toEqual(["c", "a", "b"]);
    expect(moveTo(["a", "b", "c"], "a", 2)).toEqual(["b", "a", "c"]);
    expect(moveTo(["a", "b", "c"], "a", 99)).toEqual(["b", "c", "a"]);
    expect(moveTo(["a", "b", "c"], "b", 0)).toEqual(["b", "a", "c"]);
    expect(moveTo(["a", "b"], "new", 2)).toEqual(["a", "new", "b"]);
  });
});

describe("checklist input", () => {
  it("a tick: done, an optional note and web link, and the version", () => {
    expect(tickInput.parse({ done: true, note: "  ", evidenceUrl: "", version: "3" })).toEqual({ done: true, note: null, evidenceUrl: null, version: 3 });
    expect(fields(tickInput.safeParse({ done: "yes", evidenceUrl: "ftp://x.example/a", note: "x".repeat(2001) }))).toEqual({
      done: "must be true (tick) or false (untick)",
      evidenceUrl: "must be a web address starting with https:// or http://",
      note: "must be at most 2000 characters",
      version: "is required",
    });
  });

  it("a template: automatic items only where a probe can test, and with no evidence to type", () => {
    expect(createTemplateInput.parse({ category: "email_relay", title: "A probe shows it", automatic: "probe_meets_floor" })).toMatchObject({ required: true, evidence: "none" });
    expect(fields(createTemplateInput.safeParse({ category: "browser", title: "Probe", automatic: "probe_meets_floor" })).automatic).toMatch(/^needs a category a probe can test/);
    expect(fields(createTemplateInput.safeParse({ category: null, title: "Probe", automatic: "probe_meets_floor" })).automatic).toMatch(/campaign-wide item has no endpoint/);
    expect(fields(createTemplateInput.safeParse({ category: "api", title: "Login history", automatic: "login_history_clean" })).automatic).toBe("must be probe_meets_floor or null");
    expect(fields(createTemplateInput.safeParse({ title: "No scope" })).category).toMatch(/or null for the campaign's own checklist/);
    expect(fields(templateChanges.safeParse({ version: 1, retired: false })).retired).toMatch(/can only be true/);
  });

  it("the board's filters", () => {
    expect(boardQuery.parse({ owner: "me", open: "true", category: "api,browser" })).toMatchObject({ owner: "me", open: true, category: ["api", "browser"], page: 1, pageSize: 50 });
    expect(boardQuery.parse({}).open).toBe(false);
  });
});

describe("the default checklists", () => {
  it("give every impact area items, an automatic probe item where a probe can test, and the campaign its own", () => {
    for (const category of CATEGORIES) {
      const items = DEFAULT_TEMPLATES[category];
      expect(items.length, category).toBeGreaterThanOrEqual(3);
      expect(new Set(items.map((i) => i.title)).size, `${category} titles are unique`).toBe(items.length);
      expect(items.some((i) => i.automatic === "probe_meets_floor"), category).toBe(CATEGORY_INFO[category].probeable);
      for (const item of items.filter((i) => i.verification)) expect(item.evidence, item.title).not.toBe("none");
    }
    expect(DEFAULT_CAMPAIGN_ITEMS.map((i) => i.title)).toEqual(
      expect.arrayContaining(["Communicate the cutoff to users", "Enable the critical update “Require TLS 1.1 or higher for HTTPS connections” in a sandbox"]),
    );
  });

  it("carry the client guidance beside the API item that needs it", () => {
    const api = DEFAULT_TEMPLATES.api;
    expect(api.map((i) => i.title)).toEqual([
      "Identify the client library and runtime version",
      "Apply the change for that runtime",
      "Test against a sandbox with TLS 1.0 disabled",
      "Confirm in Login History that it no longer logs in over TLS 1.0",
    ]);
    const change = api[1].guidance;
    expect(change).toContain("-Dhttps.protocols=TLSv1.1,TLSv1.2");
    expect(change).toContain("ServicePointManager.SecurityProtocol");
    expect(api[3]).toMatchObject({ verification: true, evidence: "link" });
    // Where sources disagree, both are shown.
    expect(DEFAULT_TEMPLATES.browser[1].guidance).toMatch(/Chrome 38\+.*another says only Chrome 21 and older fail/);
  });
});
