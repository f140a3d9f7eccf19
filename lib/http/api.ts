import "server-only";
import type { NextRequest } from "next/server";
import { z, type ZodType } from "zod";
import { actorFromToken } from "@/lib/auth/tokens";
import { sessionActor } from "@/lib/auth/session";
import {
  canAny,
  CHANGE_PASSWORD_FIRST,
  mustChangePasswordFirst,
  refusalMessage,
  TOKEN_WAITS_FOR_PASSWORD,
  type Actor,
  type Permission,
} from "@/lib/auth/permissions";
import {
  AppError,
  BadRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnauthenticatedError,
  isDatabaseUnavailable,
  validationFromZod,
} from "@/lib/errors";
import { logError, logWarn } from "@/lib/log";
import { untilChange } from "@/lib/live/until-change";

export interface ApiContext<Q, B, P> {
  actor: Actor;
  query: Q;
  body: B;
  params: P;
  req: NextRequest;
}

interface ApiSpec<Q, B, P> {
  /** The permission the role must have at all; record-level checks happen in the domain. */
  permission: Permission;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  params?: ZodType<P>;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function errorResponse(err: unknown): Response {
  if (!(err instanceof AppError) && isDatabaseUnavailable(err)) {
    logWarn("Answered 503: the database is unavailable", err);
    err = new ServiceUnavailableError();
  }
  if (err instanceof AppError) {
    const body: Record<string, unknown> = { code: err.code, message: err.message };
    if (err.fields) body.fields = err.fields;
    if (err.current !== undefined) body.current = err.current;
    const headers: Record<string, string> = {};
    if ("retryAfterSeconds" in err) headers["retry-after"] = String(err.retryAfterSeconds);
    return Response.json({ error: body }, { status: err.status, headers });
  }
  logError("Unhandled error in API route", err);
  return Response.json({ error: { code: "internal", message: "Something went wrong on the server." } }, { status: 500 });
}

/** Bearer token first (API clients), then the browser session. */
export async function actorFromRequest(req: Request): Promise<Actor | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!match) throw new UnauthenticatedError("The Authorization header must be `Bearer <token>`.");
    const actor = await actorFromToken(match[1]);
    if (!actor) throw new UnauthenticatedError("The API token is unknown, revoked or expired.");
    return actor;
  }
  return sessionActor();
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// Cookie-authenticated writes must come from our own pages (SameSite cookies already stop most
// cross-site requests; this closes the rest).
function checkOrigin(req: Request, actor: Actor): void {
  if (actor.via !== "session" || !MUTATING.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (sandboxed frames, some redirects) or garbage: not our own page either way
  }
  if (originHost !== host) throw new ForbiddenError("Cross-site requests are not accepted.");
}

const MAX_JSON_BYTES = 1024 * 1024;

async function readBody(req: Request): Promise<unknown> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_JSON_BYTES) throw new PayloadTooLargeError();
  let text = "";
  if (req.body) {
    const decoder = new TextDecoder();
    let size = 0;
    for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_JSON_BYTES) throw new PayloadTooLargeError();
      text += decoder.decode(chunk, { stream: true });
    }
    text += decoder.decode();
  }
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError("The request body is not valid JSON.");
  }
}

function parseWith<T>(schema: ZodType<T> | undefined, value: unknown): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationFromZod(parsed.error.issues);
  return parsed.data;
}

/**
 * The one wrapper for route handlers: authenticate, check the role's permission, parse params,
 * query and body with zod, run, and map typed errors to JSON with the right status.
 */
export function apiRoute<Q = undefined, B = undefined, P = undefined>(
  spec: ApiSpec<Q, B, P>,
  handler: (ctx: ApiContext<Q, B, P>) => Promise<unknown>,
) {
  const handle = async (req: NextRequest, route: RouteContext): Promise<Response> => {
    try {
      const actor = await actorFromRequest(req);
      if (!actor) throw new UnauthenticatedError();
      checkOrigin(req, actor);
      if (!canAny(actor, spec.permission)) throw new ForbiddenError(refusalMessage(actor, spec.permission));
      if (mustChangePasswordFirst(actor, spec.permission)) throw new ForbiddenError(actor.via === "token" ? TOKEN_WAITS_FOR_PASSWORD : CHANGE_PASSWORD_FIRST);
      const params = parseWith(spec.params, await route.params);
      const query = parseWith(spec.query, Object.fromEntries(req.nextUrl.searchParams));
      const body = spec.body ? parseWith(spec.body, await readBody(req)) : (undefined as B);
      const result = await handler({ actor, query, body, params, req });
      // This process's own change: counts kept until a change must not wait for its notification.
      if (MUTATING.has(req.method)) untilChange.clear();
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
  // Exposed so the permission tests can check every route against the table.
  return Object.assign(handle, { permission: spec.permission });
}

export const idParams = z.object({ id: z.string().uuid("must be a valid id") });
