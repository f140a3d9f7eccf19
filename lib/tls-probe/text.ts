/** Printable excerpt of bytes a server sent, safe to put in a message a person reads. */
export function printable(data: Buffer | string, max = 120): string {
  const text = typeof data === "string" ? data : data.toString("latin1");
  const clean = text.replace(/\r?\n/g, " / ").replace(/[^\x20-\x7e]/g, ".").trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
