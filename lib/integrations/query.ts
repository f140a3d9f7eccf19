import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ListQuery, SortKey } from "./schemas";

export const integrationSelect = {
  id: true,
  name: true,
  category: true,
  ownerId: true,
  owner: { select: { id: true, name: true, email: true } },
  vendor: true,
  clientSoftware: true,
  clientVersion: true,
  endpointHost: true,
  endpointPort: true,
  sni: true,
  starttls: true,
  status: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.IntegrationSelect;

export type IntegrationRow = Prisma.IntegrationGetPayload<{ select: typeof integrationSelect }>;

type Filters = Omit<ListQuery, "page" | "pageSize" | "sort">;

/** The row filter for a list query; shared by the table, the API, bulk actions and the export. */
export function whereFor(query: Filters, actor: Pick<Actor, "id">): Prisma.IntegrationWhereInput {
  const and: Prisma.IntegrationWhereInput[] = [];
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" as const };
    and.push({ OR: [{ name: contains }, { vendor: contains }, { endpointHost: contains }, { notes: contains }, { clientSoftware: contains }] });
  }
  if (query.category?.length) and.push({ category: { in: query.category } });
  if (query.status?.length) and.push({ status: { in: query.status } });
  if (query.owner === "me") and.push({ ownerId: actor.id });
  else if (query.owner === "none") and.push({ ownerId: null });
  else if (query.owner) and.push({ ownerId: query.owner });
  if (query.endpoint === "yes") and.push({ endpointHost: { not: null } });
  if (query.endpoint === "no") and.push({ endpointHost: null });
  return and.length ? { AND: and } : {};
}

export function orderFor(sort: string | undefined): Prisma.IntegrationOrderByWithRelationInput[] {
  const key = (sort?.replace(/^-/, "") || "name") as SortKey;
  const dir: Prisma.SortOrder = sort?.startsWith("-") ? "desc" : "asc";
  const primary: Prisma.IntegrationOrderByWithRelationInput =
    key === "owner" ? { owner: { name: dir } } : key === "endpointHost" ? { endpointHost: { sort: dir, nulls: "last" } } : { [key]: dir };
  // A unique tie-breaker keeps pages stable when many rows share the sorted value.
  return key === "name" ? [primary, { id: "asc" }] : [primary, { name: "asc" }, { id: "asc" }];
}
