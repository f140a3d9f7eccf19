// The bytes of an uploaded CSV, turned into text for the parser, refusing what is not a CSV of
// integrations before it costs memory: binary files, text that is not UTF-8 (Excel's plain "CSV"
// and "Unicode text" are Windows-1252 and UTF-16), and lines no integration needs (a million
// columns is a line of a million commas).

export const MAX_LINE_CHARS = 256 * 1024;

/** The file as a whole cannot be read; nothing of it is imported. */
export class CsvFileError extends Error {}

function linesIn(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n += 1;
  return n;
}

/** Yields the upload as UTF-8 text, chunk by chunk; throws CsvFileError naming the line at fault. */
export async function* csvText(bytes: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  let lineChars = 0;
  for await (const chunk of bytes) {
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      const before = new TextDecoder("utf-8").decode(chunk.subarray(0, nul));
      throw new CsvFileError(`The file is not a CSV text file: it contains binary data (line ${line + linesIn(before)}). Export the spreadsheet as "CSV UTF-8" and try again.`);
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const lenient = new TextDecoder("utf-8").decode(chunk);
      const at = lenient.indexOf("\ufffd");
      throw new CsvFileError(
        `The file is not UTF-8 text (line ${line + linesIn(lenient.slice(0, Math.max(0, at)))} has bytes that are not UTF-8). ` +
          `Save it as "CSV UTF-8" (in Excel: Save As, CSV UTF-8) and try again.`,
      );
    }
    for (let start = 0; start < text.length; ) {
      const newline = text.indexOf("\n", start);
      const end = newline < 0 ? text.length : newline;
      lineChars += end - start;
      if (lineChars > MAX_LINE_CHARS) {
        throw new CsvFileError(`Line ${line} is longer than ${MAX_LINE_CHARS / 1024} KB: this is not a CSV of integrations (too many columns or a runaway field).`);
      }
      if (newline < 0) break;
      line += 1;
      lineChars = 0;
      start = newline + 1;
    }
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new CsvFileError(`The file is not UTF-8 text (it ends in the middle of a character). Save it as "CSV UTF-8" and try again.`);
  }
}
