// Typed errors raised by the domain; the HTTP and server-action wrappers map them to statuses.

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly current?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super(401, "unauthenticated", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this.") {
    super(403, "forbidden", message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, "not_found", `${what} was not found.`);
  }
}

/** A write based on a stale version, or one that would break a uniqueness rule. */
export class ConflictError extends AppError {
  constructor(message: string, current?: unknown, fields?: FieldErrors) {
    super(409, "conflict", message, fields, current);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: FieldErrors) {
    super(422, "invalid", message, fields);
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super(400, "bad_request", message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = "The request body is larger than 1 MB.") {
    super(413, "too_large", message);
  }
}

/** Turns a zod error into field messages keyed by dotted path. */
export function fieldsFromZod(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function validationFromZod(issues: { path: PropertyKey[]; message: string }[]): ValidationError {
  const fields = fieldsFromZod(issues);
  const summary = Object.entries(fields)
    .map(([k, v]) => (k === "_" ? v : `${k}: ${v}`))
    .join("; ");
  return new ValidationError(`Check the highlighted fields: ${summary}`, fields);
}

/** Prisma's unique-constraint failure, recognised without importing the generated client. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a URL is an id at all (anything else is a 404, not a database error). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Too many attempts (sign-in, password checks): try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "rate_limited", message);
  }
}

/** The database cannot serve the request now (every pooled connection busy, or the server down). */
export class ServiceUnavailableError extends AppError {
  readonly retryAfterSeconds = 5;
  constructor(message = "The server is busy or its database is unreachable. Try again in a few seconds.") {
    super(503, "unavailable", message);
  }
}

// pg's pool timeout, refused or dropped connections, Postgres shutting down, starting up or out of
// connections, and Prisma's driver-adapter codes for the same.
const UNAVAILABLE_CODES = new Set([
  ...["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "EPIPE", "ENOTFOUND", "EAI_AGAIN"],
  ...["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006", "53300"],
  ...["P1001", "P1002", "P1017", "P2024"],
]);
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|terminating connection|Connection ended unexpectedly|server closed the connection unexpectedly|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server/i;

/**
 * Whether an error means "the database is unavailable right now" rather than a bug: these answer
 * 503 (try again) instead of 500. Looks through wrapped causes (Prisma's driver adapter wraps pg's).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, originalCode } = e as { code?: unknown; message?: unknown; originalCode?: unknown };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof originalCode === "string" && UNAVAILABLE_CODES.has(originalCode)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}
