// The CSV shape of an integration, shared by export and import so an export re-imports cleanly.
import { FIELD_INFO, INTEGRATION_FIELDS } from "./fields";

/**
 * The id, every editable field under its column name (lib/integrations/fields.ts), then read-only
 * facts, then the checklist progress in the active campaign and what a ready verdict rests on
 * (appended: older readers of the file keep their columns).
 */
export const EXPORT_COLUMNS = [
  "id",
  ...INTEGRATION_FIELDS.map((f) => FIELD_INFO[f].column),
  "verdict",
  "verdict_reason",
  "created_at",
  "updated_at",
  "checklist_done",
  "checklist_required",
  "checklist_total",
  "ready_basis",
];

export type ImportField =
  | "id"
  | "name"
  | "category"
  | "owner"
  | "vendor"
  | "clientSoftware"
  | "clientVersion"
  | "endpointHost"
  | "endpointPort"
  | "sni"
  | "starttls"
  | "status"
  | "notes";

// Header names are compared without case, spaces, dashes or underscores.
const HEADER_ALIASES: Record<string, ImportField> = {
  id: "id",
  name: "name",
  integration: "name",
  category: "category",
  owner: "owner",
  owneremail: "owner",
  ownerid: "owner",
  vendor: "vendor",
  clientsoftware: "clientSoftware",
  software: "clientSoftware",
  client: "clientSoftware",
  clientversion: "clientVersion",
  endpointhost: "endpointHost",
  host: "endpointHost",
  hostname: "endpointHost",
  endpointport: "endpointPort",
  port: "endpointPort",
  sni: "sni",
  servername: "sni",
  starttls: "starttls",
  status: "status",
  notes: "notes",
  note: "notes",
};

export function fieldForHeader(header: string): ImportField | null {
  return HEADER_ALIASES[header.toLowerCase().replace(/[\s_\-.]+/g, "")] ?? null;
}

// Spreadsheets run a cell that starts with one of these as a formula; a leading apostrophe makes it
// text. A value that already starts with apostrophes before such a character gets one more, so
// that undoing the guard on re-import gives back exactly what was exported.
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  // Quoted whenever a spreadsheet could split or trim it: commas, semicolons and tabs (the
  // separators of other locales), quotes, line breaks, edge spaces.
  return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Undoes the export's formula guard. */
export function fromCsvCell(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
