import "server-only";
import { readRows } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SqlParams, escapeLike } from "@/lib/sql";
import type { TlsVersionName } from "@/lib/tls-probe/versions";
import { readinessOf, type ChecklistFacts, type Readiness } from "@/lib/readiness/verdict";
import type { ReadinessContext } from "@/lib/readiness/context";
import { LATEST_PROBE_JOIN, checklistFactsSql, verdictFilterSql, verdictRankSql, verdictSql } from "@/lib/readiness/verdict-sql";
import { withoutServerReply } from "@/lib/probes/server-replies";
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
  overrideReady: true,
  overrideReason: true,
  overrideAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.IntegrationSelect;

export type IntegrationRow = Prisma.IntegrationGetPayload<{ select: typeof integrationSelect }>;
export type ListFilters = Omit<ListQuery, "page" | "pageSize" | "sort">;

/** A list row: the integration, and its readiness verdict with the reasons for it. */
export type ListItem = IntegrationRow & { readiness: Readiness };

// The list's filters and sort are SQL: the table, the API, bulk actions and the export share this
// one definition, and it stays fast at ten thousand rows (see docs/decisions/0003-hot-reads-in-sql.md).

export function whereSql(query: ListFilters, actor: Pick<Actor, "id">, p: SqlParams, context: ReadinessContext): string {
  const parts: string[] = [];
  if (query.verdict?.length) parts.push(verdictFilterSql(context.floor, p, query.verdict));
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

const SORT_SQL: Record<Exclude<SortKey, "verdict">, string> = {
  name: "i.name",
  category: "i.category",
  status: "i.status",
  owner: "u.name",
  vendor: "i.vendor",
  endpointHost: "i.endpoint_host",
  updatedAt: "i.updated_at",
  createdAt: "i.created_at",
};

export function orderSql(sort: string | undefined, p: SqlParams, context: ReadinessContext): string {
  const key = (sort?.replace(/^-/, "") || "name") as SortKey;
  const dir = sort?.startsWith("-") ? "DESC" : "ASC";
  const column = key === "verdict" ? verdictRankSql(verdictSql(context.floor, p)) : SORT_SQL[key];
  // Rows without a value go last either way; a unique tie-breaker keeps pages stable.
  const primary = `${column} ${dir} NULLS LAST`;
  return key === "name" ? `ORDER BY ${primary}, i.id` : `ORDER BY ${primary}, i.name, i.id`;
}

export interface ListRow {
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
  overrideReady: boolean;
  overrideReason: string | null;
  overrideAt: Date | null;
  overrideFloor: TlsVersionName | null;
  overrideByName: string | null;
  probeHandshakeVersion: TlsVersionName | null;
  probeErrorKind: string | null;
  probeErrorMessage: string | null;
  probeFinishedAt: Date | null;
  probeAcceptsTls10: boolean | null;
  probeCertProblem: string | null;
  checklistFacts: Omit<ChecklistFacts, "lastDoneAt"> & { lastDoneAt: string | null };
  legacyLoginAt: Date | null;
  belowFloorLoginAt: Date | null;
}

export const LIST_COLUMNS = `
  i.id::text AS id, i.name, i.category::text AS category, i.owner_id::text AS "ownerId", u.name AS "ownerName", u.email AS "ownerEmail",
  i.vendor, i.client_software AS "clientSoftware", i.client_version AS "clientVersion", i.endpoint_host AS "endpointHost",
  i.endpoint_port AS "endpointPort", i.sni, i.starttls::text AS starttls, i.status::text AS status, i.notes, i.version,
  i.created_at AS "createdAt", i.updated_at AS "updatedAt",
  i.override_ready AS "overrideReady", i.override_reason AS "overrideReason", i.override_at AS "overrideAt", i.override_floor::text AS "overrideFloor", ob.name AS "overrideByName",
  p.handshake_version::text AS "probeHandshakeVersion", p.error_kind AS "probeErrorKind", p.result #>> '{error,message}' AS "probeErrorMessage",
  p.finished_at AS "probeFinishedAt", p.accepts_tls10 AS "probeAcceptsTls10", p.cert_problem AS "probeCertProblem",
  ${checklistFactsSql()} AS "checklistFacts", i.legacy_login_at AS "legacyLoginAt", i.below_floor_login_at AS "belowFloorLoginAt"`;

export const LIST_FROM = `FROM integrations i LEFT JOIN users u ON u.id = i.owner_id LEFT JOIN users ob ON ob.id = i.override_by_id ${LATEST_PROBE_JOIN}`;

/** The readiness of a row read with LIST_COLUMNS (the same rule the SQL filter uses). */
function readinessOfRow(r: ListRow, context: ReadinessContext): Readiness {
  return readinessOf({
    status: r.status,
    hasEndpoint: r.endpointHost !== null,
    checklist: { ...r.checklistFacts, lastDoneAt: r.checklistFacts.lastDoneAt ? new Date(r.checklistFacts.lastDoneAt) : null },
    legacyLoginAt: r.legacyLoginAt ? new Date(r.legacyLoginAt) : null,
    belowFloorLoginAt: r.belowFloorLoginAt ? new Date(r.belowFloorLoginAt) : null,
    override: r.overrideReady ? { reason: r.overrideReason ?? "", by: r.overrideByName, floor: r.overrideFloor, at: r.overrideAt ? new Date(r.overrideAt) : null } : null,
    probe: r.probeFinishedAt
      ? {
          handshakeVersion: r.probeHandshakeVersion,
          errorKind: r.probeErrorKind,
          errorMessage: r.probeErrorMessage && !context.serverReplies ? withoutServerReply(r.probeErrorMessage) : r.probeErrorMessage,
          finishedAt: r.probeFinishedAt,
          acceptsTls10: r.probeAcceptsTls10,
          certProblem: r.probeCertProblem,
        }
      : null,
    floor: context.floor,
    now: context.now,
  });
}

export function toItem(r: ListRow, context: ReadinessContext): ListItem {
  const { id, name, category, ownerId, ownerName, ownerEmail, vendor, clientSoftware, clientVersion, endpointHost, endpointPort, sni, starttls, status, notes } = r;
  const { overrideReady, overrideReason, overrideAt, version, createdAt, updatedAt } = r;
  return {
    id, name, category, ownerId, vendor, clientSoftware, clientVersion, endpointHost, endpointPort, sni, starttls, status, notes,
    overrideReady, overrideReason, overrideAt, version, createdAt, updatedAt,
    owner: ownerId ? { id: ownerId, name: ownerName ?? "", email: ownerEmail ?? "" } : null,
    readiness: readinessOfRow(r, context),
  };
}

async function selectRows(filters: ListFilters & { sort?: string }, actor: Pick<Actor, "id">, context: ReadinessContext, offset: number, limit: number): Promise<ListItem[]> {
  const p = new SqlParams();
  const where = whereSql(filters, actor, p, context);
  const order = orderSql(filters.sort, p, context);
  const rows = await readRows<ListRow>(`SELECT ${LIST_COLUMNS} ${LIST_FROM} ${where} ${order} LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`, p.values);
  return rows.map((r) => toItem(r, context));
}

/**
 * One page of the list and the number of rows matching, in one round trip: the count is an
 * uncorrelated subquery over the same filter (it reuses the same parameters), run once.
 */
export async function queryList(query: ListQuery, actor: Pick<Actor, "id">, context: ReadinessContext): Promise<{ data: ListItem[]; total: number }> {
  const p = new SqlParams();
  const where = whereSql(query, actor, p, context);
  const order = orderSql(query.sort, p, context);
  const countJoin = query.verdict?.length ? LATEST_PROBE_JOIN : "";
  const offset = (query.page - 1) * query.pageSize;
  const rows = await readRows<ListRow & { total: number }>(
    `SELECT ${LIST_COLUMNS}, (SELECT count(*)::int FROM integrations i ${countJoin} ${where}) AS total
       ${LIST_FROM} ${where} ${order} LIMIT ${p.add(query.pageSize)} OFFSET ${p.add(offset)}`,
    p.values,
  );
  if (rows.length) return { data: rows.map((r) => toItem(r, context)), total: rows[0].total };
  // Past the last page there is no row to carry the count.
  return { data: [], total: offset === 0 ? 0 : await countMatching(query, actor, context) };
}

export async function countMatching(filters: ListFilters, actor: Pick<Actor, "id">, context: ReadinessContext): Promise<number> {
  const p = new SqlParams();
  const where = whereSql(filters, actor, p, context);
  const join = filters.verdict?.length ? LATEST_PROBE_JOIN : "";
  const [{ n }] = await readRows<{ n: number }>(`SELECT count(*)::int AS n FROM integrations i ${join} ${where}`, p.values);
  return n;
}

/** Ids of every row matching the filters (for bulk actions), optionally only one owner's. */
export async function idsMatching(filters: ListFilters, actor: Pick<Actor, "id">, context: ReadinessContext, onlyOwner?: string): Promise<string[]> {
  const p = new SqlParams();
  const where = whereSql(filters, actor, p, context);
  const owner = onlyOwner ? `${where ? "AND" : "WHERE"} i.owner_id = ${p.add(onlyOwner)}::uuid` : "";
  const rows = await readRows<{ id: string }>(`SELECT i.id::text AS id FROM integrations i ${LATEST_PROBE_JOIN} ${where} ${owner}`, p.values);
  return rows.map((r) => r.id);
}

/** A batch of rows in list order, for streaming exports. */
export function queryBatch(query: Omit<ListQuery, "page" | "pageSize">, actor: Pick<Actor, "id">, context: ReadinessContext, offset: number, limit: number): Promise<ListItem[]> {
  return selectRows(query, actor, context, offset, limit);
}

/** The readiness of one integration, with its reasons; null when there is no such integration. */
export async function queryReadiness(id: string, context: ReadinessContext): Promise<Readiness | null> {
  return (await queryReadinessOf([id], context)).get(id) ?? null;
}

/** The readiness of each of these integrations (those that exist), by id. */
export async function queryReadinessOf(ids: readonly string[], context: ReadinessContext): Promise<Map<string, Readiness>> {
  if (!ids.length) return new Map();
  const rows = await readRows<ListRow>(`SELECT ${LIST_COLUMNS} ${LIST_FROM} WHERE i.id = ANY ($1::uuid[])`, [ids]);
  return new Map(rows.map((row) => [row.id, readinessOfRow(row, context)]));
}
