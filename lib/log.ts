// Minimal structured logging to stdout/stderr. Never log request bodies, tokens or passwords.

function format(level: string, message: string, extra?: Record<string, unknown>): string {
  return JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...extra });
}

export function logInfo(message: string, extra?: Record<string, unknown>): void {
  if (process.env.LOG_LEVEL === "silent") return;
  console.log(format("info", message, extra));
}

/** Something went wrong that is not a bug (e.g. the database is unreachable): worth an operator's look. */
export function logWarn(message: string, err?: unknown, extra?: Record<string, unknown>): void {
  const detail = err instanceof Error ? { error: err.message } : err === undefined ? {} : { error: String(err) };
  console.warn(format("warn", message, { ...detail, ...extra }));
}

export function logError(message: string, err?: unknown, extra?: Record<string, unknown>): void {
  const detail = err instanceof Error ? { error: err.message, stack: err.stack } : err === undefined ? {} : { error: String(err) };
  console.error(format("error", message, { ...detail, ...extra }));
}
