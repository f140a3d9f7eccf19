import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { db } from "@/lib/db";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { fieldsFromZod } from "@/lib/errors";
import { parseCategory, parseStatus } from "./categories";
import { fieldForHeader, fromCsvCell, type ImportField } from "./csv-format";
import { CsvFileError, csvText } from "./csv-text";
import { createIntegrationInput, type CreateIntegrationInput } from "./schemas";
import { integrationSelect, type IntegrationRow } from "./query";
import { snapshotOf } from "./service";

export const MAX_IMPORT_ROWS = 20_000;
/** The export has 17 columns; a file with many more is not a list of integrations. */
export const MAX_IMPORT_COLUMNS = 100;
const MAX_RECORD_BYTES = 1024 * 1024;

export interface ImportRow {
  line: number;
  name: string;
  action: "create" | "update" | "unchanged" | "error";
  errors: Record<string, string>;
  /** For updates: which fields change. */
  changes: string[];
  id?: string;
  /** For updates: the version the plan was made from; a row changed since is not overwritten. */
  version?: number;
  data?: CreateIntegrationInput;
}

export interface ImportPlan {
  columns: { header: string; field: ImportField | null }[];
  ignored: string[];
  /** Problems that make the whole file unreadable (no rows can be imported). */
  fatal: string | null;
  rows: ImportRow[];
  summary: { create: number; update: number; unchanged: number; error: number };
}

type Raw = { line: number; values: string[] };

/** Reads the CSV as a stream; a file that cannot be parsed stops at the first unreadable line. */
async function readRecords(input: ReadableStream<Uint8Array> | string): Promise<{ header: string[]; records: Raw[]; fatal: string | null }> {
  const bytes: AsyncIterable<Uint8Array> | Uint8Array[] = typeof input === "string" ? [new TextEncoder().encode(input)] : (input as unknown as AsyncIterable<Uint8Array>);
  const source = Readable.from(csvText(bytes));
  const parser = parse({ bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: MAX_RECORD_BYTES });
  // pipeline, not pipe: an error of the upload (aborted, too large) must reach the loop below.
  pipeline(source, parser).catch((err) => parser.destroy(err));
  let header: string[] | null = null;
  const records: Raw[] = [];
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const inner = item.raw.replace(/^[\r\n]+/, "").replace(/\r?\n$/, "");
      const line = item.info.lines - (inner.match(/\n/g)?.length ?? 0);
      if (!header) {
        header = item.record;
        if (header.length > MAX_IMPORT_COLUMNS) {
          return { header: [], records, fatal: `The header has ${header.length} columns; a CSV of integrations has at most ${MAX_IMPORT_COLUMNS} (the export has 17). Nothing was imported.` };
        }
      } else {
        records.push({ line, values: item.record });
        if (records.length > MAX_IMPORT_ROWS) return { header, records, fatal: `The file has more than ${MAX_IMPORT_ROWS} rows; split it into smaller files.` };
      }
    }
  } catch (err) {
    if ((err as { status?: number }).status) throw err; // the upload's own error (e.g. 413), not the CSV's
    if (err instanceof CsvFileError) return { header: header ?? [], records, fatal: `${err.message} Nothing was imported.` };
    const e = err as { code?: string; lines?: number; message: string };
    const where = e.lines ? `line ${e.lines}` : "the file";
    const reason =
      e.code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted field is never closed"
        : e.code === "CSV_MAX_RECORD_SIZE"
          ? `a record is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB`
          : e.message;
    return { header: header ?? [], records, fatal: `The CSV cannot be read past ${where}: ${reason}. Nothing was imported.` };
  } finally {
    source.destroy();
  }
  if (!header) return { header: [], records, fatal: "The file is empty: it needs a header row and at least one integration." };
  return { header, records, fatal: null };
}

function keyOf(name: string, category: string): string {
  return `${category}\u0000${name}`;
}

/**
 * Reads a CSV and works out, row by row, what importing it would do: create, update, leave
 * unchanged, or refuse (with the line number and the reason). Changes nothing.
 */
export async function planImport(actor: Actor, input: ReadableStream<Uint8Array> | string): Promise<ImportPlan> {
  assertCan(actor, "integrations.import");
  const { header, records, fatal } = await readRecords(input);
  const columns = header.map((h) => ({ header: h, field: fieldForHeader(h) }));
  const ignored = columns.filter((c) => !c.field && c.header).map((c) => c.header);
  const empty: ImportPlan = { columns, ignored, fatal, rows: [], summary: { create: 0, update: 0, unchanged: 0, error: 0 } };
  if (fatal) return empty;
  const mapped = new Set(columns.map((c) => c.field));
  if (!mapped.has("id") && (!mapped.has("name") || !mapped.has("category"))) {
    return { ...empty, fatal: `The header needs "name" and "category" columns (or an "id" column). It has: ${header.join(", ") || "nothing"}.` };
  }

  const users = await db.user.findMany({ select: { id: true, email: true } });
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const userIds = new Set(users.map((u) => u.id));

  const parsed = records.map(({ line, values }) => {
    const cells: Partial<Record<ImportField, string>> = {};
    columns.forEach((c, i) => {
      if (!c.field || values[i] === undefined) return;
      // An empty choice (STARTTLS) means "not given": the default for a new row, unchanged for an existing one.
      if (c.field === "starttls" && values[i].trim() === "") return;
      cells[c.field] = fromCsvCell(values[i]);
    });
    const errors: Record<string, string> = {};
    if (values.length !== header.length) errors._ = `has ${values.length} fields where the header has ${header.length}`;
    const category = cells.category ? parseCategory(cells.category) : undefined;
    if (cells.category && !category) errors.category = `"${cells.category}" is not a category`;
    const status = cells.status ? parseStatus(cells.status) : undefined;
    if (cells.status && !status) errors.status = `"${cells.status}" is not a status`;
    let ownerId: string | null | undefined = undefined;
    if (cells.owner !== undefined) {
      const owner = cells.owner.trim();
      ownerId = owner === "" ? null : userIds.has(owner) ? owner : (byEmail.get(owner.toLowerCase()) ?? undefined);
      if (owner && ownerId === undefined) errors.owner = `no user with the email ${owner}`;
    }
    return { line, cells, category, status, ownerId, errors, id: cells.id?.trim() || undefined };
  });

  const ids = parsed.map((p) => p.id).filter((id): id is string => Boolean(id && /^[0-9a-f-]{36}$/i.test(id)));
  const names = [...new Set(parsed.map((p) => p.cells.name?.trim()).filter((n): n is string => Boolean(n)))];
  const existing = await db.integration.findMany({ where: { OR: [{ id: { in: ids } }, { name: { in: names } }] }, select: integrationSelect });
  const byId = new Map(existing.map((r) => [r.id, r]));
  const byKey = new Map(existing.map((r) => [keyOf(r.name, r.category), r]));
  const seen = new Map<string, number>();
  const claims = new Map<string, number>();

  const rows: ImportRow[] = parsed.map((p) => {
    const errors = { ...p.errors };
    let current: IntegrationRow | undefined;
    if (p.id) {
      current = byId.get(p.id);
      if (!current) errors.id = `no integration has the id ${p.id}`;
    }
    const base = current ? snapshotOf(current) : {};
    const candidate: Record<string, unknown> = {
      ...base,
      ...Object.fromEntries(Object.entries(p.cells).filter(([k]) => !["id", "owner", "category", "status"].includes(k))),
      ...(p.category ? { category: p.category } : {}),
      ...(p.status ? { status: p.status } : {}),
      ...(p.ownerId !== undefined ? { ownerId: p.ownerId } : {}),
    };
    const result = createIntegrationInput.safeParse(candidate);
    if (!result.success) Object.assign(errors, Object.fromEntries(Object.entries(fieldsFromZod(result.error.issues)).filter(([k]) => !(k in errors))));
    const name = String(candidate.name ?? "");
    if (!current && result.success) current = byKey.get(keyOf(result.data.name, result.data.category));
    if (result.success) {
      const key = current ? current.id : keyOf(result.data.name, result.data.category);
      const earlier = seen.get(key);
      if (earlier) errors._ = `describes the same integration as line ${earlier}`;
      else seen.set(key, p.line);
      // The name and category it ends with must be free: not another integration's, not another row's.
      const target = keyOf(result.data.name, result.data.category);
      const holder = byKey.get(target);
      const claimed = claims.get(target);
      if (!errors._ && holder && holder.id !== current?.id) errors.name = `is already used by another integration in this category`;
      else if (!errors._ && claimed !== undefined && claimed !== p.line) errors.name = `is also given to another integration on line ${claimed}`;
      else claims.set(target, p.line);
    }
    if (Object.keys(errors).length || !result.success) return { line: p.line, name, action: "error", errors, changes: [] };
    const changes = current ? Object.keys(result.data).filter((k) => (result.data as Record<string, unknown>)[k] !== (current as Record<string, unknown>)[k]) : [];
    return {
      line: p.line,
      name,
      action: current ? (changes.length ? "update" : "unchanged") : "create",
      errors,
      changes,
      id: current?.id,
      version: current?.version,
      data: result.data,
    };
  });

  const summary = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) summary[r.action] += 1;
  return { columns, ignored, fatal: null, rows, summary };
}
