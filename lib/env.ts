import { z } from "zod";
import { parseAllowedRanges } from "@/lib/tls-probe/policy";

// The settings the app and the worker read, validated once (the web server's process settings
// such as PORT and WEB_CONCURRENCY are read by server.mjs). Documented in README.md ("Configuration").
const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string({ message: "DATABASE_URL is not set: give the postgresql:// URL of the database" }).url("DATABASE_URL must be a postgresql:// URL"),
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.string().url().optional(),
    APP_CLOCK_START: z.string().optional(),
    APP_CLOCK_ANCHOR: z.string().optional(),
    TRUST_PROXY: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_DISPLAY_NAME: z.string().default("single sign-on"),
    PROBE_ALLOWED_RANGES: csv,
    PROBE_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
    PROBE_CA_BUNDLE: z.string().optional(),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  })
  .superRefine((v, ctx) => {
    const oidc = [v.OIDC_ISSUER, v.OIDC_CLIENT_ID, v.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC sign-in needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
      });
    }
    if (v.NODE_ENV === "production" && !v.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "NEXTAUTH_SECRET is required in production" });
    }
    // Anyone who knows the secret can sign sessions for any user: never the published example.
    if (v.NODE_ENV === "production" && v.NEXTAUTH_SECRET && (v.NEXTAUTH_SECRET.startsWith("change-me") || new Set(v.NEXTAUTH_SECRET).size < 10)) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "NEXTAUTH_SECRET is the example value or too simple; generate one (openssl rand -base64 32)" });
    }
    try {
      parseAllowedRanges(v.PROBE_ALLOWED_RANGES);
    } catch (err) {
      ctx.addIssue({ code: "custom", path: ["PROBE_ALLOWED_RANGES"], message: (err as Error).message });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The validated environment; throws once, naming every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function oidcConfigured(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
