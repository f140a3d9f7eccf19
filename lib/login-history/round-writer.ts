import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { COPY_HEADER, COPY_TRAILER, LOGIN_COLUMNS, type BufferPool } from "./copy-binary";

// How a round of logins (binary COPY rows from copy-reader.ts) gets into login_history_logins,
// inside the import's transaction (docs/decisions/0011):
// - straight in, by COPY into the keyed table, when no stored import covers the round's time span.
//   COPY writes rows in bulk and checks the key per row; nothing is speculated. The reader has sent
//   every possible repeat within the file aside (file-logins.ts), so only another import that
//   stored the same logins meanwhile can make such a COPY fail (a unique violation, or a deadlock
//   with it). There is no savepoint per round (past 64 in one transaction, Postgres's cache of
//   subtransactions overflows and every other session's visibility checks slow down while a large
//   import runs): the COPY's failure throws StartOver, and the import begins again with every
//   round through the stage;
// - through a stage: COPY into a temporary table, then INSERT … ON CONFLICT, which adds only the
//   new logins and notes this import on the ones another import brought. About twice the cost, so
//   it is kept for rounds that may repeat stored logins, for the logins the reader set aside as
//   possible repeats, and for every round of an import begun again.

/** A unique violation (the login is stored) or a deadlock with another import writing the same logins. */
const FALL_BACK = new Set(["23505", "40P01"]);

/** A straight-in COPY met logins another import stored meanwhile: the transaction is lost, begin again carefully. */
export class StartOver extends Error {
  constructor(cause: Error) {
    super(`Another import stored some of the same logins meanwhile (${cause.message})`);
  }
}

const STAGE_TABLE_SQL = `CREATE TEMP TABLE IF NOT EXISTS lh_stage (LIKE login_history_logins) ON COMMIT DROP`;

/**
 * The stage's new logins into the table; a login stored by another import notes this one in its
 * other_imports (so deleting that import hands it over, prisma/manual/005). Once per login
 * (DISTINCT ON: ON CONFLICT DO UPDATE may not touch a row twice in one statement): the first of
 * its lines, as the straight-in COPY and readLogins keep it. The stage is emptied before each
 * round and filled by one COPY in file order (the round's rows, then its possible repeats, which
 * come later in the file), so its physical order (ctid) is the file's. Returns how many were new.
 */
const STAGE_TO_LOGINS = `
  WITH added AS (
    INSERT INTO login_history_logins AS l
    SELECT DISTINCT ON (login_at, username, source_ip, application, tls_protocol) * FROM lh_stage
     ORDER BY login_at, username, source_ip, application, tls_protocol, ctid
    ON CONFLICT (login_at, username, source_ip, application, tls_protocol) DO UPDATE
       SET other_imports = array_append(l.other_imports, EXCLUDED.import_id)
     WHERE l.import_id <> EXCLUDED.import_id AND NOT (EXCLUDED.import_id = ANY (coalesce(l.other_imports, '{}')))
    RETURNING xmax = 0 AS new
  )
  SELECT count(*) FILTER (WHERE new)::int AS added FROM added`;

export interface Round {
  /** Binary COPY rows (copy-binary.ts), and how many logins they hold. */
  rows: Buffer[];
  logins: number;
  /** Logins that may repeat a recent one (CopyBatch.repeats). */
  repeats: Buffer[];
  repeatCount: number;
  /** The round's earliest and latest login time, epoch ms. */
  from: number | null;
  to: number | null;
}

export const emptyRound = (): Round => ({ rows: [], logins: 0, repeats: [], repeatCount: 0, from: null, to: null });

export class RoundWriter {
  /** Logins added to the table (new ones only). */
  imported = 0;
  /** Rounds written straight in, and through the stage. */
  direct = 0;
  staged = 0;
  private stageMade = false;

  private constructor(
    private readonly client: pg.PoolClient,
    /** The time spans (epoch ms) of the imports already stored. */
    private readonly stored: readonly (readonly [number, number])[],
    /** Every round through the stage (an import begun again after a StartOver). */
    private readonly careful: boolean,
  ) {}

  /** A writer for the import `importId`, on the import's connection and transaction. */
  static async open(client: pg.PoolClient, importId: string, opts: { careful?: boolean } = {}): Promise<RoundWriter> {
    const { rows } = await client.query<{ from: string; to: string }>(
      `SELECT (extract(epoch FROM from_at) * 1000)::bigint::text AS "from", (extract(epoch FROM to_at) * 1000)::bigint::text AS "to"
         FROM login_history_imports WHERE status = 'done' AND id <> $1::uuid AND from_at IS NOT NULL AND to_at IS NOT NULL`,
      [importId],
    );
    return new RoundWriter(client, rows.map((r) => [Number(r.from), Number(r.to)] as const), opts.careful ?? false);
  }

  private mayRepeatStored(round: Round): boolean {
    if (round.from === null || round.to === null) return true;
    return this.stored.some(([from, to]) => round.from! <= to && round.to! >= from);
  }

  /** Writes the round, then gives its buffers back to `pool`. */
  async write(round: Round, pool?: BufferPool): Promise<void> {
    try {
      await this.writeRound(round);
    } finally {
      pool?.give(round.rows);
      pool?.give(round.repeats);
    }
  }

  private async writeRound(round: Round): Promise<void> {
    if (this.careful || this.mayRepeatStored(round)) {
      this.staged++;
      await this.throughStage([...round.rows, ...round.repeats]);
      return;
    }
    if (round.logins) await this.straightIn(round.rows);
    this.direct++;
    if (round.repeatCount) await this.throughStage(round.repeats);
  }

  /** COPYs the rows into the logins; StartOver when another import stored one of them meanwhile. */
  private async straightIn(rows: Buffer[]): Promise<void> {
    try {
      this.imported += await this.copy("login_history_logins", rows);
    } catch (err) {
      if (FALL_BACK.has((err as { code?: string }).code ?? "")) throw new StartOver(err as Error);
      throw err;
    }
  }

  private async throughStage(rows: Buffer[]) {
    if (!this.stageMade) {
      await this.client.query(STAGE_TABLE_SQL);
      this.stageMade = true;
    }
    await this.copy("lh_stage", rows);
    const r = await this.client.query<{ added: number }>(STAGE_TO_LOGINS);
    await this.client.query("TRUNCATE lh_stage");
    this.imported += r.rows[0].added;
  }

  private async copy(table: string, rows: Buffer[]): Promise<number> {
    const stream = this.client.query(copyFrom(`COPY ${table} (${LOGIN_COLUMNS.join(", ")}) FROM STDIN (FORMAT binary)`));
    await pipeline(Readable.from([COPY_HEADER, ...rows, COPY_TRAILER], { objectMode: false }), stream);
    return stream.rowCount;
  }
}
