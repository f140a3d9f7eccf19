import { availableParallelism } from "node:os";
import { z } from "zod";
import { parseAllowedRanges } from "@/lib/tls-probe/policy";

// Every setting the app, the web server (server.mjs) and the worker read, validated in this one
// place. server.mjs loads this module before Next starts, so a bad value stops `npm start` with the
// variable's name instead of failing later (or never). Documented in README.md ("Configuration").
const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean));

const unsetToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A whole number from an environment string; an empty string counts as unset. */
function number(name: string, min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));
}
const wholeNumber = (name: string, min: number, max: number, fallback: number) => z.preprocess(unsetToUndefined, number(name, min, max).default(fallback));
const optionalWholeNumber = (name: string, min: number, max: number) => z.preprocess(unsetToUndefined, number(name, min, max).optional());

function instant(name: string) {
  return z
    .string()
    .trim()
    .optional()
    .refine((raw) => !raw || Number.isFinite(/^\d+$/.test(raw) ? Number(raw) : Date.parse(raw)), `${name} must be an ISO-8601 instant or epoch milliseconds`);
}

/**
 * The published example (and anything as guessable) signs sessions anyone could forge. Refused
 * wherever the app runs, whatever NODE_ENV says: the demo and the tests generate their own
 * secret, and `npm run dev` keeps one under .data/, so nothing legitimate ever carries it.
 */
export function weakSecret(secret: string): boolean {
  return /change-?me|example|placeholder/i.test(secret) || new Set(secret).size < 10;
}

const fields = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ message: "DATABASE_URL is not set: give the postgresql:// URL of the database" })
    .regex(/^postgres(ql)?:\/\/\S+$/, "DATABASE_URL must be a postgresql:// URL"),
  DATABASE_POOL_SIZE: wholeNumber("DATABASE_POOL_SIZE", 1, 500, 10),
  DATABASE_POOL_TIMEOUT_MS: wholeNumber("DATABASE_POOL_TIMEOUT_MS", 100, 120_000, 5000),
  NEXTAUTH_SECRET: z
    .string()
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters")
    .refine((s) => !weakSecret(s), "NEXTAUTH_SECRET is the example value or too simple; generate one (openssl rand -base64 32)")
    .optional(),
  NEXTAUTH_URL: z.string().url("NEXTAUTH_URL must be a URL such as https://readiness.example.com").optional(),
  PORT: wholeNumber("PORT", 1, 65535, 3000),
  HOST: z.string().trim().min(1, "HOST must not be empty").default("0.0.0.0"),
  WEB_CONCURRENCY: optionalWholeNumber("WEB_CONCURRENCY", 1, 256),
  TRUST_PROXY: z.enum(["true", "false"], { message: "TRUST_PROXY must be true or false" }).default("false").transform((v) => v === "true"),
  TRUST_PROXY_HOPS: wholeNumber("TRUST_PROXY_HOPS", 1, 10, 1),
  APP_CLOCK_START: instant("APP_CLOCK_START"),
  APP_CLOCK_ANCHOR: instant("APP_CLOCK_ANCHOR"),
  OIDC_ISSUER: z.string().url("OIDC_ISSUER must be the issuer's https:// URL").optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_DISPLAY_NAME: z.string().default("single sign-on"),
  PROBE_ALLOWED_RANGES: csv.superRefine((ranges, ctx) => {
    try {
      parseAllowedRanges(ranges);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `PROBE_ALLOWED_RANGES: ${(err as Error).message}` });
    }
  }),
  PROBE_TIMEOUT_MS: wholeNumber("PROBE_TIMEOUT_MS", 500, 60_000, 5000),
  PROBE_CA_BUNDLE: z.string().optional(),
  WORKER_CONCURRENCY: wholeNumber("WORKER_CONCURRENCY", 1, 256, 64),
  // Read by lib/probes/queue.ts; checked here so a typo stops the worker at start-up.
  QUEUE_JOB_EXPIRE_SECONDS: optionalWholeNumber("QUEUE_JOB_EXPIRE_SECONDS", 1, 86_400),
  QUEUE_RETRY_DELAY_SECONDS: optionalWholeNumber("QUEUE_RETRY_DELAY_SECONDS", 0, 86_400),
  QUEUE_MAINTENANCE_SECONDS: optionalWholeNumber("QUEUE_MAINTENANCE_SECONDS", 1, 86_400),
  LOG_LEVEL: z.enum(["info", "silent"], { message: "LOG_LEVEL must be info or silent" }).optional(),
});

const schema = fields.superRefine((v, ctx) => {
  const oidc = [v.OIDC_ISSUER, v.OIDC_CLIENT_ID, v.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    ctx.addIssue({
      code: "custom",
      path: ["OIDC_ISSUER"],
      message: "OIDC sign-in needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
    });
  }
});

export type Env = z.infer<typeof schema>;

/** Every line starts with the variable's name, so the operator knows what to fix. */
function named(variable: string, message: string): string {
  return `  ${message.startsWith(variable) ? message : `${variable}: ${message}`}`;
}

/** Parses a set of variables; throws one error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>, opts: { web?: boolean } = {}): Env {
  const parsed = schema.safeParse(source);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => named(String(i.path[0] ?? "(env)"), i.message));
  // Web processes sign sessions: they cannot run without a secret, in any NODE_ENV.
  if (opts.web && !source.NEXTAUTH_SECRET) lines.push(named("NEXTAUTH_SECRET", "NEXTAUTH_SECRET is not set; generate one (openssl rand -base64 32)"));
  if (lines.length) throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  return parsed.data!;
}

let cached: Env | undefined;

/** The validated environment of this process; throws once, naming every bad variable. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** What a web process needs on top (server.mjs and instrumentation.ts call this before serving). */
export function webEnv(): Env & { webProcesses: number } {
  const e = parseEnv(process.env, { web: true });
  cached = e;
  return { ...e, webProcesses: e.WEB_CONCURRENCY ?? availableParallelism() };
}

/**
 * Only the database pool's settings, for lib/db.ts: scripts (migrate, seeding) and the build open
 * the module without the rest. A missing DATABASE_URL is left to the first query (and to env(),
 * which every server process checks at start-up).
 */
export function databaseEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = fields
    .pick({ DATABASE_POOL_SIZE: true, DATABASE_POOL_TIMEOUT_MS: true })
    .extend({ DATABASE_URL: fields.shape.DATABASE_URL.optional() })
    .safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => named(String(i.path[0]), i.message)).join("\n")}`);
  }
  return parsed.data;
}

export function oidcConfigured(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
