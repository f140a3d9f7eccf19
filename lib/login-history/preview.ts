import "server-only";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { ValidationError } from "@/lib/errors";
import { ExportFormatError, LOGIN_FIELDS, type LoginField } from "./columns";
import { readLogins, type LoginRow, type RowError } from "./reader";
import { carriesZone, type TimeOptions } from "./values";

export const PREVIEW_ROWS = 10;

export interface Preview {
  /** The header each field was found under; null when the file has no such column. */
  columns: Record<LoginField, string | null>;
  rows: LoginRow[];
  errors: RowError[];
  /** The times say their own zone: the time zone asked for does not matter. */
  zoneInFile: boolean;
  /** Some dates read differently as month/day and day/month: the date order matters. */
  ambiguousDates: boolean;
  /**
   * How many of the rows read as later than now: an export cannot hold a login from the future, so
   * the date order or time zone is likely wrong (a TLS 1.0 login read months away from when it
   * happened would misplace the "clean since" that ticks a checklist).
   */
  laterThanNow: number;
}

const AMBIGUOUS = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/;

/**
 * The first rows of an export as the import would read them, for the upload form: nothing is
 * stored. `source` may be only the start of the file; reading stops after PREVIEW_ROWS rows.
 */
export async function previewExport(actor: Actor, source: AsyncIterable<Uint8Array>, opts: TimeOptions): Promise<Preview> {
  assertCan(actor, "loginHistory.manage");
  return readPreview(source, opts);
}

async function readPreview(source: AsyncIterable<Uint8Array>, opts: TimeOptions): Promise<Preview> {
  let columns = Object.fromEntries(LOGIN_FIELDS.map((f) => [f, null])) as Preview["columns"];
  const rows: LoginRow[] = [];
  const errors: RowError[] = [];
  try {
    for await (const batch of readLogins(source, {
      ...opts,
      batchSize: 1,
      onHeader: (header, map) => {
        columns = Object.fromEntries(LOGIN_FIELDS.map((f) => [f, map[f] >= 0 ? header[map[f]] : null])) as Preview["columns"];
      },
    })) {
      rows.push(...batch.rows);
      errors.push(...batch.errors);
      if (rows.length + errors.length >= PREVIEW_ROWS) break;
    }
  } catch (err) {
    // The end of a slice of a gzipped file cannot be unpacked: what was read before it stands.
    if (rows.length) return summarise(columns, rows, errors);
    if (err instanceof ExportFormatError) throw new ValidationError(err.message, { file: err.message });
    throw err;
  }
  return summarise(columns, rows, errors);
}

function summarise(columns: Preview["columns"], rows: LoginRow[], errors: RowError[]): Preview {
  const raw = rows.map((r) => r.rawTime);
  const at = now().getTime();
  return {
    laterThanNow: rows.filter((r) => r.loginAt.getTime() > at).length,
    columns,
    rows,
    errors,
    zoneInFile: raw.length > 0 && raw.every(carriesZone),
    ambiguousDates: raw.some((t) => {
      const m = AMBIGUOUS.exec(t);
      return Boolean(m && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2]);
    }),
  };
}
