import { z } from "zod";
import { isUuid } from "@/lib/errors";
import { validateHostName } from "@/lib/tls-probe/target-spec";
import { CATEGORIES, STATUSES } from "./categories";
import { VERDICT_FILTERS } from "@/lib/readiness/verdict";
import { SORTABLE, type SortKey } from "./list-options";

export { PAGE_SIZES, SORTABLE, type SortKey } from "./list-options";

/**
 * What is wrong with an endpoint host (or SNI name), or null. The verdict is the probe's own
 * parser's (lib/tls-probe/target-spec.ts), the one the worker applies before it connects, so
 * nothing the API, the form or a CSV import accepts is refused later in a probe run.
 */
export function hostProblem(value: string, what = "host"): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes("/")) {
    return "must be a host name only, without scheme or path (e.g. sso.example.com)";
  }
  if (/^[^:\[\]]+:\d+$/.test(value)) return "must not include the port: put it in the port field";
  try {
    validateHostName(value.replace(/^\[(.*)\]$/, "$1"), what);
    return null;
  } catch (err) {
    return `must be a host name or an IP address: ${(err as Error).message}`;
  }
}

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const hostField = (what: string) =>
  z.preprocess(
    emptyToNull,
    z
      .string()
      .trim()
      .toLowerCase()
      .max(253, "must be at most 253 characters")
      .superRefine((v, ctx) => {
        const problem = hostProblem(v, what);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .transform((v) => v.replace(/^\[|\]$/g, "").replace(/\.$/, ""))
      .nullable(),
  );

export const categorySchema = z.enum(CATEGORIES, { message: `must be one of ${CATEGORIES.join(", ")}` });
export const statusSchema = z.enum(STATUSES, { message: `must be one of ${STATUSES.join(", ")}` });

// Each field without a default, so that a partial change never fills in what it did not send.
const fieldShape = {
  name: z.string({ message: "is required" }).trim().min(1, "is required").max(200, "must be at most 200 characters"),
  category: categorySchema,
  ownerId: z.preprocess(emptyToNull, z.string().uuid("must be a user id").nullable()),
  vendor: text(200),
  clientSoftware: text(200),
  clientVersion: text(100),
  endpointHost: hostField("host"),
  endpointPort: z.preprocess(
    emptyToNull,
    z.coerce.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be between 1 and 65535").max(65535, "must be between 1 and 65535").nullable(),
  ),
  sni: hostField("SNI name"),
  starttls: z.enum(["none", "smtp"], { message: "must be none or smtp" }),
  status: statusSchema,
  notes: text(5000),
};

/** The fields an integration has, as forms, the API and the CSV import send them; defaults for a new one. */
export const integrationFields = z.object({
  ...fieldShape,
  ownerId: fieldShape.ownerId.default(null),
  vendor: fieldShape.vendor.default(""),
  clientSoftware: fieldShape.clientSoftware.default(""),
  clientVersion: fieldShape.clientVersion.default(""),
  endpointHost: fieldShape.endpointHost.default(null),
  endpointPort: fieldShape.endpointPort.default(null),
  sni: fieldShape.sni.default(null),
  starttls: fieldShape.starttls.default("none"),
  status: fieldShape.status.default("not_started"),
  notes: fieldShape.notes.default(""),
});

/** Rules between fields; the port defaults to 443, or 25 for SMTP STARTTLS. */
function endpointRules<T extends { endpointHost?: string | null; endpointPort?: number | null; sni?: string | null; starttls?: string }>(v: T, ctx: z.RefinementCtx) {
  if (!v.endpointHost) {
    if (v.endpointPort != null) ctx.addIssue({ code: "custom", path: ["endpointPort"], message: "needs an endpoint host" });
    if (v.sni) ctx.addIssue({ code: "custom", path: ["sni"], message: "needs an endpoint host" });
    if (v.starttls === "smtp") ctx.addIssue({ code: "custom", path: ["starttls"], message: "needs an endpoint host" });
  }
}

function withDefaultPort<T extends { endpointHost?: string | null; endpointPort?: number | null; starttls?: string }>(v: T): T {
  if (v.endpointHost && v.endpointPort == null) return { ...v, endpointPort: v.starttls === "smtp" ? 25 : 443 };
  return v;
}

export const createIntegrationInput = integrationFields.superRefine(endpointRules).transform(withDefaultPort);
export type CreateIntegrationInput = z.infer<typeof createIntegrationInput>;

/** A change: any subset of the fields, and the version the change was based on. */
export const integrationChanges = z.object(fieldShape).partial().extend({
  version: z.coerce.number({ message: "is required: send the version you edited" }).int().min(1, "must be a positive integer"),
});
export type IntegrationChanges = z.infer<typeof integrationChanges>;


const csvList = <T extends string>(values: readonly T[], what: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const items = (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      const bad = items.filter((i) => !values.includes(i as T));
      if (bad.length) ctx.addIssue({ code: "custom", message: `unknown ${what}: ${bad.join(", ")}` });
      return items as T[];
    });

/** The list's filters, sort and page, as the table's URL and the API's query string carry them. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  category: csvList(CATEGORIES, "category"),
  status: csvList(STATUSES, "status"),
  owner: z
    .string()
    .refine((v) => v === "me" || v === "none" || isUuid(v), { message: "must be a user id, me or none" })
    .optional(),
  endpoint: z.enum(["yes", "no"], { message: "must be yes or no" }).optional(),
  verdict: csvList(VERDICT_FILTERS, "verdict"),
  sort: z
    .string()
    .optional()
    .refine((v) => !v || SORTABLE.includes(v.replace(/^-/, "") as SortKey), { message: `must be one of ${SORTABLE.join(", ")}, optionally prefixed with -` }),
  page: z.coerce.number({ message: "must be a number" }).int().min(1, "must be 1 or more").default(1),
  pageSize: z.coerce.number({ message: "must be a number" }).int().min(1, "must be at least 1").max(1000, "must be at most 1000").default(50),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
