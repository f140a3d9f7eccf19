// The filters every chart, its JSON series and the report share; they live in the URL.
import { z } from "zod";
import { isUuid } from "@/lib/errors";
import { CATEGORIES } from "@/lib/integrations/categories";

const id = (what: string) => z.string().refine(isUuid, { message: `must be a ${what} id` });

export const chartQuery = z.object({
  /** A campaign id; the active campaign when absent. */
  campaign: id("campaign").optional(),
  /** A milestone of that campaign; the next one due (or the last passed) when absent. */
  milestone: id("milestone").optional(),
  category: z.enum(CATEGORIES, { message: `must be one of ${CATEGORIES.join(", ")}` }).optional(),
  /** A user id, "me", or "none" for integrations nobody owns. */
  owner: z
    .string()
    .refine((v) => v === "me" || v === "none" || isUuid(v), { message: "must be a user id, me or none" })
    .optional(),
});
export type ChartQuery = z.infer<typeof chartQuery>;

/** Query values from a page's searchParams: the first of each, empty ones dropped. */
export function chartQueryFrom(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["campaign", "milestone", "category", "owner"]) {
    const v = params[key];
    const first = Array.isArray(v) ? v[0] : v;
    if (first) out[key] = first;
  }
  return out;
}
