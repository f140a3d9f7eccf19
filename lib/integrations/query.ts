import "server-only";
import { readRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SqlParams, escapeLike } from "@/lib/sql";
import type { Category, Status } from "./categories";
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
export type ListFilters = Omit<ListQuery, "page" | "pageSize" | "sort">;

// The list's filters and sort are SQL: the table, the API, bulk actions and the export share this
// one definition, and it stays fast at ten thousand rows (see docs/decisions/0003-hot-reads-in-sql.md).

export function whereSql(query: ListFilters, actor: Pick<Actor, "id">, p: SqlParams): string {
  const parts: string[] = [];
  // search_text is the row's searchable text, lower-cased and trigram-indexed (prisma/manual/003).
  if (query.q) parts.push(`i.search_text LIKE ${p.add(`%${escapeLike(query.q.toLowerCase())}%`)}`);
  if (query.category?.length) parts.push(`i.category = ANY(${p.add(query.category)}::"IntegrationCategory"[])`);
  if (query.status?.length) parts.push(`i.status = ANY(${p.add(query.status)}::"IntegrationStatus"[])`);
  if (query.owner === "me") parts.push(`i.owner_id = ${p.add(actor.id)}::uuid`);
  else if (query.owner === "none") parts.push("i.owner_id IS NULL");
  else if (query.owner) parts.push(`i.owner_id = ${p.add(query.owner)}::uuid`);
  if (query.endpoint === "yes") parts.push("i.endpoint_host IS NOT NULL");
  if (query.endpoint === "no") parts.push("i.endpoint_host IS NULL");
  return parts.length ? `WHERE ${parts.join(" AND ")}` : "";
}

const SORT_SQL: Record<SortKey, string> = {
  name: "i.name",
  category: "i.category",
  status: "i.status",
  owner: "u.name",
  vendor: "i.vendor",
  endpointHost: "i.endpoint_host",
  updatedAt: "i.updated_at",
  createdAt: "i.created_at",
};

export function orderSql(sort: string | undefined): string {
  const key = (sort?.replace(/^-/, "") || "name") as SortKey;
  const dir = sort?.startsWith("-") ? "DESC" : "ASC";
  // Rows without a value go last either way; a unique tie-breaker keeps pages stable.
  const primary = `${SORT_SQL[key]} ${dir} NULLS LAST`;
  return key === "name" ? `ORDER BY ${primary}, i.id` : `ORDER BY ${primary}, i.name, i.id`;
}

interface ListRow {
  id: string;
  name: string;
  category: Category;
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  vendor: string;
  clientSoftware: string;
  clientVersion: string;
  endpointHost: string | null;
  endpointPort: number | null;
  sni: string | null;
  starttls: "none" | "smtp";
  status: Status;
  notes: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const LIST_COLUMNS = `
  i.id::text AS id, i.name, i.category::text AS category, i.owner_id::text AS "ownerId", u.name AS "ownerName", u.email AS "ownerEmail",
  i.vendor, i.client_software AS "clientSoftware", i.client_version AS "clientVersion", i.endpoint_host AS "endpointHost",
  i.endpoint_port AS "endpointPort", i.sni, i.starttls::text AS starttls, i.status::text AS status, i.notes, i.version,
  i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

function toRow(r: ListRow): IntegrationRow {
  const { ownerName, ownerEmail, ...rest } = r;
  return { ...rest, owner: r.ownerId ? { id: r.ownerId, name: ownerName ?? "", email: ownerEmail ?? "" } : null };
}

async function selectRows(filters: ListFilters & { sort?: string }, actor: Pick<Actor, "id">, offset: number, limit: number): Promise<IntegrationRow[]> {
  const p = new SqlParams();
  const where = whereSql(filters, actor, p);
  const rows = await readRows<ListRow>(
    `SELECT ${LIST_COLUMNS} FROM integrations i LEFT JOIN users u ON u.id = i.owner_id ${where} ${orderSql(filters.sort)} LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
    p.values,
  );
  return rows.map(toRow);
}

/** One page of the list and the number of rows matching (two queries, in parallel). */
export async function queryList(query: ListQuery, actor: Pick<Actor, "id">): Promise<{ data: IntegrationRow[]; total: number }> {
  const [data, total] = await Promise.all([selectRows(query, actor, (query.page - 1) * query.pageSize, query.pageSize), countMatching(query, actor)]);
  return { data, total };
}

export async function countMatching(filters: ListFilters, actor: Pick<Actor, "id">): Promise<number> {
  const p = new SqlParams();
  const [{ n }] = await readRows<{ n: number }>(`SELECT count(*)::int AS n FROM integrations i ${whereSql(filters, actor, p)}`, p.values);
  return n;
}

/** Ids of every row matching the filters (for bulk actions), optionally only one owner's. */
export async function idsMatching(filters: ListFilters, actor: Pick<Actor, "id">, onlyOwner?: string): Promise<string[]> {
  const p = new SqlParams();
  const where = whereSql(filters, actor, p);
  const owner = onlyOwner ? `${where ? "AND" : "WHERE"} i.owner_id = ${p.add(onlyOwner)}::uuid` : "";
  const rows = await readRows<{ id: string }>(`SELECT i.id::text AS id FROM integrations i ${where} ${owner}`, p.values);
  return rows.map((r) => r.id);
}

/** A batch of rows in list order, for streaming exports. */
export function queryBatch(query: Omit<ListQuery, "page" | "pageSize">, actor: Pick<Actor, "id">, offset: number, limit: number): Promise<IntegrationRow[]> {
  return selectRows(query, actor, offset, limit);
}
