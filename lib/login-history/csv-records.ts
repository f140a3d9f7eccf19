// A CSV reader for exports of a million rows: most lines have no quote and are split at commas
// in one call; a line with a quote goes through the full RFC 4180 rules (quoted commas, doubled
// quotes, line breaks inside quotes). Knows each record's first line exactly. A record that never
// ends (an unclosed quote) is given up after MAX_RECORD_CHARS, so memory stays bounded.
// csv-parse did the same at a fifth of the speed (docs/decisions/0011-login-history-import.md).
import { StringDecoder } from "node:string_decoder";

export type CsvItem = { record: string[]; line: number } | { error: string; line: number };

const MAX_RECORD_CHARS = 1024 * 1024;
// Records per batch: a batch of a whole input piece (thousands of records) outlives V8's young
// generation and is promoted as garbage to the old one, which then grows to hundreds of MB.
const BATCH_RECORDS = 1000;

type Quoted = { fields: string[]; end: number; lines: number } | { error: string; end: number; lines: number } | null;

/**
 * Parses one record that contains a quote, from `start`. Returns null when the text ends before
 * the record does (more data needed), or an error with where the bad line ends.
 */
function quotedRecord(text: string, start: number, final: boolean): Quoted {
  const fields: string[] = [];
  let pos = start;
  let lines = 0;
  for (;;) {
    if (text.charCodeAt(pos) === 34 /* " */) {
      let value = "";
      let from = pos + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) {
          if (!final) return null;
          return { error: "Quote Not Closed", end: text.length, lines: lines + count(text, from, text.length) };
        }
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
          continue;
        }
        lines += count(text, from, q);
        pos = q + 1;
        break;
      }
      fields.push(value);
      const c = text.charCodeAt(pos);
      if (c === 44 /* , */) {
        pos++;
        continue;
      }
      if (c === 13 && text.charCodeAt(pos + 1) === 10) return { fields, end: pos + 2, lines };
      if (c === 10) return { fields, end: pos + 1, lines };
      if (pos >= text.length) return final ? { fields, end: pos, lines } : null;
      const nl = text.indexOf("\n", pos);
      if (nl === -1 && !final) return null;
      return { error: "Invalid Closing Quote", end: nl === -1 ? text.length : nl + 1, lines };
    }
    const comma = text.indexOf(",", pos);
    const nl = text.indexOf("\n", pos);
    if (nl === -1 && !final) return null;
    const stop = nl === -1 ? text.length : nl;
    if (comma !== -1 && comma < stop) {
      fields.push(text.slice(pos, comma));
      pos = comma + 1;
      continue;
    }
    const field = text.slice(pos, stop);
    fields.push(field.endsWith("\r") ? field.slice(0, -1) : field);
    return { fields, end: nl === -1 ? text.length : nl + 1, lines };
  }
}

function count(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The records of a CSV byte stream, in batches, with the line each starts on; blank lines skipped. */
export async function* csvRecords(source: AsyncIterable<Uint8Array>): AsyncGenerator<CsvItem[]> {
  const decoder = new StringDecoder("utf8");
  let text = "";
  let line = 1;
  let first = true;
  const take = (final: boolean): CsvItem[] => {
    const out: CsvItem[] = [];
    let pos = 0;
    while (pos < text.length && out.length < BATCH_RECORDS) {
      const nl = text.indexOf("\n", pos);
      if (nl === -1 && !final) break;
      const stop = nl === -1 ? text.length : nl;
      const lineEnd = stop > pos && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
      const row = text.slice(pos, lineEnd);
      if (row.indexOf('"') === -1) {
        if (row.length) out.push({ record: row.split(","), line });
        line++;
        pos = stop + 1;
        continue;
      }
      const q = quotedRecord(text, pos, final);
      if (!q) {
        if (text.length - pos <= MAX_RECORD_CHARS) break;
        // A quote that never closes: give up on this line and carry on after it.
        out.push({ error: "Quote Not Closed", line });
        line++;
        pos = stop + 1;
        continue;
      }
      out.push("error" in q ? { error: q.error, line } : { record: q.fields, line });
      line += 1 + q.lines;
      pos = q.end;
    }
    text = text.slice(Math.min(pos, text.length));
    return out;
  };
  for await (const chunk of source) {
    text += decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    for (let items = take(false); items.length; items = take(false)) yield items;
  }
  text += decoder.end();
  if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  for (let items = take(true); items.length; items = take(true)) yield items;
}
