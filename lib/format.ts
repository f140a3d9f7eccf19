// Dates are shown in UTC everywhere, labelled, so that people in different time zones read the
// same cutoff the vendor announced.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "4 Mar 2017, 17:30 UTC" */
export function formatInstant(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const d = toDate(value);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "4 Mar 2017" */
export function formatDay(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const d = toDate(value);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The value for an <input type="datetime-local"> read as UTC: "2017-03-04T17:30". */
export function toUtcInputValue(value: Date | string): string {
  return toDate(value).toISOString().slice(0, 16);
}

/** A wait in whole minutes, rounded up: "1 minute", "12 minutes" (for "try again in …"). */
export function formatWait(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return m === 1 ? "1 minute" : `${m} minutes`;
}
